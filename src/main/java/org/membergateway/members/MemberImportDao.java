package org.membergateway.members;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The member import's fixed SQL: the lock and settings of its transaction, the whole-file checks
 * on the staging table, the structure upsert, and the catalog reads a bulk load needs. Attached
 * to the import's handle, so all of it runs in the import's transaction. The statements whose text
 * is built at run time (from {@link MemberCsv#COLUMNS} or the catalog) and the COPY stream are in
 * {@link MemberBulkDao}.
 */
interface MemberImportDao {

    /** The staging table {@link MemberBulkDao} creates and fills; dropped at commit. */
    String STAGING = "member_import";

    /** A member id given twice: the later line, and where it was first given. */
    record DuplicateId(long line, long firstLine) {
    }

    /** A local placed differently on {@code line} than on {@code firstLine}. */
    record MisplacedLocal(long line, long firstLine, boolean regionDiffers) {
    }

    /** A constraint of the members table with its definition, as the catalog gives it. */
    record MemberConstraint(String name, String type, String definition) {
        boolean isPrimaryKey() {
            return type.equals("p");
        }

        boolean isForeignKey() {
            return type.equals("f");
        }
    }

    /** Serializes imports until the transaction ends. */
    @SqlUpdate("SELECT pg_advisory_xact_lock(:key)")
    void lockImports(@Bind("key") long key);

    @SqlUpdate("SET LOCAL work_mem = '64MB'")
    void useWorkMemForImport();

    @SqlUpdate("SET LOCAL maintenance_work_mem = '256MB'")
    void useMaintenanceWorkMemForRebuild();

    // ---- whole-file checks -----------------------------------------------------------------

    /** A hash aggregate says whether there is a duplicate; {@link #firstDuplicateId} then locates it. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM " + STAGING + " GROUP BY member_id HAVING count(*) > 1)")
    boolean anyDuplicateId();

    @SqlQuery("""
            SELECT line, first_line FROM (
                SELECT line, min(line) OVER (PARTITION BY member_id) AS first_line FROM member_import
            ) t WHERE line <> first_line ORDER BY line LIMIT 1""")
    @RegisterConstructorMapper(DuplicateId.class)
    Optional<DuplicateId> firstDuplicateId();

    /**
     * One pass over the staged rows collects each (local, region, employer group) seen and where
     * first; the checks and the structure upsert below then read this small table, not the file.
     */
    @SqlUpdate("CREATE TEMP TABLE member_import_locals ON COMMIT DROP AS"
            + " SELECT local_id, region, employer_group, min(line) AS first_line FROM " + STAGING
            + " GROUP BY local_id, region, employer_group")
    void summarizeLocals();

    /** The first line that places a local differently from the line that first named it. */
    @SqlQuery("""
            WITH firsts AS (
                SELECT DISTINCT ON (local_id) local_id, region, employer_group, first_line
                FROM member_import_locals ORDER BY local_id, first_line)
            SELECT l.first_line AS line, f.first_line, l.region <> f.region AS region_differs
            FROM member_import_locals l JOIN firsts f USING (local_id)
            WHERE l.first_line <> f.first_line
            ORDER BY l.first_line LIMIT 1""")
    @RegisterConstructorMapper(MisplacedLocal.class)
    Optional<MisplacedLocal> firstMisplacedLocal();

    // ---- structure -------------------------------------------------------------------------

    @SqlUpdate("""
            INSERT INTO regions (id, name) SELECT DISTINCT region, region FROM member_import_locals
            ON CONFLICT (id) DO NOTHING""")
    void addNewRegions();

    @SqlUpdate("""
            INSERT INTO employer_groups (id, name)
            SELECT DISTINCT employer_group, employer_group FROM member_import_locals
            ON CONFLICT (id) DO NOTHING""")
    void addNewEmployerGroups();

    /** New locals are created; a known local follows the file. */
    @SqlUpdate("""
            INSERT INTO locals (id, name, region_id, employer_group_id)
            SELECT local_id, local_id, region, employer_group FROM member_import_locals
            ON CONFLICT (id) DO UPDATE
                SET region_id = EXCLUDED.region_id, employer_group_id = EXCLUDED.employer_group_id
                WHERE (locals.region_id, locals.employer_group_id)
                      IS DISTINCT FROM (EXCLUDED.region_id, EXCLUDED.employer_group_id)""")
    void upsertLocals();

    // ---- bulk load -------------------------------------------------------------------------

    /** The planner's idea of the table's size: enough to choose the path, without counting. */
    @SqlQuery("SELECT reltuples::bigint FROM pg_class WHERE oid = 'members'::regclass")
    long estimatedMembers();

    /**
     * The foreign keys, and the primary key unless another table's foreign key depends on it;
     * foreign keys (type 'f') sort before the primary key ('p').
     */
    @SqlQuery("""
            SELECT conname AS name, contype AS type, pg_get_constraintdef(oid) AS definition FROM pg_constraint
            WHERE conrelid = 'members'::regclass
              AND (contype = 'f' OR contype = 'p' AND NOT EXISTS (
                   SELECT 1 FROM pg_constraint r WHERE r.confrelid = 'members'::regclass))
            ORDER BY contype DESC, conname""")
    @RegisterConstructorMapper(MemberConstraint.class)
    List<MemberConstraint> droppableConstraints();

    /** The secondary indexes (neither primary nor unique) as CREATE INDEX statements. */
    @SqlQuery("""
            SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
            WHERE i.indrelid = 'members'::regclass AND NOT i.indisprimary AND NOT i.indisunique
            ORDER BY i.indexrelid""")
    List<String> secondaryIndexDefinitions();

    /** The same indexes as DROP INDEX statements. */
    @SqlQuery("""
            SELECT 'DROP INDEX ' || i.indexrelid::regclass::text FROM pg_index i
            WHERE i.indrelid = 'members'::regclass AND NOT i.indisprimary AND NOT i.indisunique""")
    List<String> secondaryIndexDrops();

    /** Fresh statistics so scope queries use their indexes right after a bulk load. */
    @SqlUpdate("ANALYZE members")
    void analyzeMembers();
}
