package org.membergateway.members;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The union's structure (regions, employer groups, locals: V1__locals_and_members.sql) and what
 * other packages may ask of the member table. The member import owns these tables and writes
 * them in bulk ({@link MemberImportDao}); the directory checks scope ids and member links here,
 * the policy places scopes, and the demo names its structure before importing.
 */
public interface UnionDao {

    /** A local's placement in the union. */
    record LocalPlacement(String region, String employerGroup) {
    }

    /** A region or employer group with its display name. */
    record NamedId(String id, String name) {
    }

    /** A local with its name, and its region's and employer group's ids and names: what a person picks a local by. */
    record NamedLocal(String id, String name, String region, String regionName, String employerGroup,
                      String employerGroupName) {
    }

    /** The first local by id, its placement, and its first member by id (null if it has none). */
    record FirstLocal(String localId, String region, String employerGroup, String memberId) {
        /** Without the member id: log lines carry no member ids. */
        @Override
        public String toString() {
            return "FirstLocal[" + localId + "]";
        }
    }

    @SqlQuery("SELECT region_id AS region, employer_group_id AS employer_group FROM locals WHERE id = :id")
    @RegisterConstructorMapper(LocalPlacement.class)
    Optional<LocalPlacement> local(@Bind("id") String id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM regions WHERE id = :id)")
    boolean regionExists(@Bind("id") String id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM employer_groups WHERE id = :id)")
    boolean employerGroupExists(@Bind("id") String id);

    /**
     * The locals that are one of {@code locals}, or lie in one of {@code regions} or {@code employerGroups};
     * every local when {@code all}. By id.
     */
    @SqlQuery("""
            SELECT l.id, l.name, l.region_id AS region, r.name AS region_name,
                   l.employer_group_id AS employer_group, g.name AS employer_group_name
            FROM locals l JOIN regions r ON r.id = l.region_id JOIN employer_groups g ON g.id = l.employer_group_id
            WHERE :all OR l.id = ANY(:locals) OR l.region_id = ANY(:regions) OR l.employer_group_id = ANY(:groups)
            ORDER BY l.id""")
    @RegisterConstructorMapper(NamedLocal.class)
    List<NamedLocal> locals(@Bind("all") boolean all, @Bind("locals") String[] locals, @Bind("regions") String[] regions,
                            @Bind("groups") String[] employerGroups);

    /** The regions among {@code ids}, or every region when {@code all}; by id. */
    @SqlQuery("SELECT id, name FROM regions WHERE :all OR id = ANY(:ids) ORDER BY id")
    @RegisterConstructorMapper(NamedId.class)
    List<NamedId> regions(@Bind("all") boolean all, @Bind("ids") String[] ids);

    /** The employer groups among {@code ids}, or every group when {@code all}; by id. */
    @SqlQuery("SELECT id, name FROM employer_groups WHERE :all OR id = ANY(:ids) ORDER BY id")
    @RegisterConstructorMapper(NamedId.class)
    List<NamedId> employerGroups(@Bind("all") boolean all, @Bind("ids") String[] ids);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM members WHERE member_id = :id)")
    boolean memberExists(@Bind("id") String memberId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM members)")
    boolean anyMember();

    @SqlQuery("SELECT count(*) FROM members")
    long memberCount();

    @SqlQuery("""
            SELECT l.id AS local_id, l.region_id AS region, l.employer_group_id AS employer_group,
                   (SELECT m.member_id FROM members m WHERE m.local_id = l.id ORDER BY m.member_id LIMIT 1) AS member_id
            FROM locals l ORDER BY l.id LIMIT 1""")
    @RegisterConstructorMapper(FirstLocal.class)
    Optional<FirstLocal> firstLocal();

    /** Adds the regions that are missing; an existing region keeps its name. */
    @SqlBatch("INSERT INTO regions (id, name) VALUES (:id, :name) ON CONFLICT (id) DO NOTHING")
    void addRegions(@BindMethods Collection<NamedId> regions);

    /** Adds the employer groups that are missing; an existing group keeps its name. */
    @SqlBatch("INSERT INTO employer_groups (id, name) VALUES (:id, :name) ON CONFLICT (id) DO NOTHING")
    void addEmployerGroups(@BindMethods Collection<NamedId> groups);

    /** Adds the locals that are missing; an existing local keeps its name and placement. */
    @SqlBatch("""
            INSERT INTO locals (id, name, region_id, employer_group_id) VALUES (:id, :name, :region, :employerGroup)
            ON CONFLICT (id) DO NOTHING""")
    void addLocals(@BindMethods Collection<LocalUnit> locals);
}
