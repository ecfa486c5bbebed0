package org.membergateway.directory;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * What leaders publish for their role (V21 published_contacts) and the leaders it is shown with
 * (confidentiality §6). Without a row, a person's published work email is their linked member
 * row's work email; a phone is only ever one they typed. Personal numbers (mobile_phone,
 * home_phone) are never selected here.
 */
public interface PublishedContactDao {

    /**
     * A person's published contact as shown.
     *
     * @param chosen whether the person has set it (false: the work-email default of their member row)
     */
    record Contact(String workEmail, String phone, boolean published, boolean chosen) {
        /** Contact values stay out of log lines. */
        @Override
        public String toString() {
            return "Contact[published=" + published + " chosen=" + chosen + "]";
        }
    }

    /**
     * A leader with a role in effect and what they publish (null contacts when withdrawn).
     *
     * @param roles the leadership roles held now, in role order
     * @param regions, employerGroups the person's regions and employer groups (a director's seat)
     */
    record Leader(long personId, String username, String displayName, List<String> roles, List<String> regions,
                  List<String> employerGroups, String workEmail, String phone) {
        @Override
        public String toString() {
            return "Leader[" + username + " " + roles + "]";
        }
    }

    /** The work email shown by default, and the published values when chosen; withdrawn ones read as null. */
    String SHOWN = """
            CASE WHEN c.person_id IS NULL THEN m.work_email WHEN c.published THEN c.work_email END AS work_email,
            CASE WHEN c.published THEN c.phone END AS phone""";

    @SqlQuery("SELECT " + SHOWN + ", coalesce(c.published, true) AS published, c.person_id IS NOT NULL AS chosen"
            + " FROM people p LEFT JOIN published_contacts c ON c.person_id = p.id"
            + " LEFT JOIN members m ON m.member_id = p.member_id WHERE p.username = :username")
    @RegisterConstructorMapper(Contact.class)
    Optional<Contact> contact(@Bind("username") String username);

    @SqlUpdate("""
            INSERT INTO published_contacts (person_id, work_email, phone, published, created_at, updated_at, updated_by)
            VALUES (:personId, :workEmail, :phone, :published, :now, :now, :by)
            ON CONFLICT (person_id) DO UPDATE SET work_email = EXCLUDED.work_email, phone = EXCLUDED.phone,
                published = EXCLUDED.published, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
    void publish(@Bind("personId") long personId, @Bind("workEmail") String workEmail, @Bind("phone") String phone,
                 @Bind("published") boolean published, @Bind("now") OffsetDateTime now, @Bind("by") String by);

    /**
     * People holding one of {@code roles} by an ACTIVE grant whose term contains {@code now}, not
     * disabled, and (when {@code local} is not null) belonging to that local; by name, at most
     * {@code limit}. Pending, rejected, revoked and ended grants never list anyone.
     */
    @SqlQuery("""
            SELECT p.id AS person_id, p.username, p.display_name,
                   ARRAY(SELECT DISTINCT g.role FROM role_grants g WHERE g.person_id = p.id AND g.role = ANY(:roles)
                         AND g.status = 'ACTIVE' AND g.valid_from <= :now
                         AND (g.valid_until IS NULL OR g.valid_until > :now) ORDER BY 1) AS roles,
                   ARRAY(SELECT region_id FROM person_regions WHERE person_id = p.id ORDER BY 1) AS regions,
                   ARRAY(SELECT employer_group_id FROM person_employer_groups WHERE person_id = p.id ORDER BY 1)
                       AS employer_groups,
                   """ + SHOWN + """

            FROM people p LEFT JOIN published_contacts c ON c.person_id = p.id
            LEFT JOIN members m ON m.member_id = p.member_id
            WHERE NOT p.disabled
              AND EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = p.id AND g.role = ANY(:roles)
                          AND g.status = 'ACTIVE' AND g.valid_from <= :now
                          AND (g.valid_until IS NULL OR g.valid_until > :now))
              AND (CAST(:local AS varchar) IS NULL
                   OR EXISTS (SELECT 1 FROM person_locals l WHERE l.person_id = p.id AND l.local_id = :local))
            ORDER BY p.display_name, p.username
            LIMIT :limit""")
    @RegisterConstructorMapper(Leader.class)
    List<Leader> leaders(@Bind("roles") String[] roles, @Bind("local") String local, @Bind("now") OffsetDateTime now,
                         @Bind("limit") int limit);
}
