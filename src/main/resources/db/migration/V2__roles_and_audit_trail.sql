-- Role split and the tamper-evident audit trail (issue #3; docs/audit-format.md).
--
-- Migrations run as the schema owner; the application connects as ${appRole}. The owner keeps the
-- audit tables, so the application can add entries but never change or remove them: a bug, or a
-- stolen application password, cannot rewrite history. Member tables move to ${membersOwnerRole},
-- a NOLOGIN role granted to the application, because the bulk import drops and rebuilds their
-- indexes, which only an owner may do.
--
-- Tables added by later migrations are granted to ${appRole} explicitly, table by table: nothing
-- is granted by default.
--
-- With a single role (migrations and application as the same user, the default for an external
-- database without database.migrationUser) the role statements are skipped: the owner already has
-- every privilege, and only the triggers below protect the trail.

DO $roles$
DECLARE
    app          text := '${appRole}';
    owner_role   text := '${membersOwnerRole}';
    member_table text;
BEGIN
    IF app = current_user THEN
        RAISE NOTICE 'single-role database: % owns the audit trail; only its triggers protect it', app;
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
        RAISE EXCEPTION 'the application role % does not exist; create it (LOGIN NOSUPERUSER) first', app;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = owner_role) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', owner_role);
    END IF;
    -- A non-superuser migration user must belong to the role to hand tables over to it. Grants are
    -- skipped when already in place, so an operator may set them up without CREATEROLE here.
    IF NOT pg_has_role(current_user, owner_role, 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', owner_role, current_user);
    END IF;
    -- Inherited membership lets the application act as owner of the member tables (DROP INDEX,
    -- ALTER TABLE, ANALYZE in bulk imports) without SET ROLE.
    IF NOT pg_has_role(app, owner_role, 'USAGE') THEN
        EXECUTE format('GRANT %I TO %I', owner_role, app);
    END IF;
    FOREACH member_table IN ARRAY ARRAY['regions', 'employer_groups', 'locals', 'members'] LOOP
        EXECUTE format('ALTER TABLE %I OWNER TO %I', member_table, owner_role);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO %I', member_table, app);
    END LOOP;
    -- The importer stages rows in a temporary table.
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), app);
    -- Read-only: health checks and operators can see which schema version is live.
    EXECUTE format('GRANT SELECT ON flyway_schema_history TO %I', app);
END
$roles$;

-- One row per entry, seq 1, 2, 3, ... with no gaps. Column checks mirror AuditEvent's validation;
-- the verifier recomputes every hash from these columns (docs/audit-format.md).
CREATE TABLE audit_entries (
    seq            bigint       PRIMARY KEY CHECK (seq > 0),
    at             timestamptz  NOT NULL,
    actor          varchar(200) NOT NULL CHECK (actor <> ''),
    action         varchar(40)  NOT NULL CHECK (action ~ '^[A-Z][A-Z0-9_]*$'),
    target         varchar(500),
    decision       varchar(40)  CHECK (decision ~ '^[A-Z][A-Z0-9_]*$'),
    -- Rule ids joined by commas ('' for none): one plain column streams faster to the verifier
    -- than an array, and rule ids never contain a comma. (No bounded repeats in these patterns:
    -- PostgreSQL's regex engine makes them cost tens of microseconds per row.)
    reasons        varchar(2100) NOT NULL DEFAULT '' CHECK (reasons ~ '^([A-Z][A-Z0-9_]*(,[A-Z][A-Z0-9_]*)*)?$'),
    policy_version varchar(100),
    row_count      bigint       CHECK (row_count BETWEEN 0 AND 9007199254740991),
    export_digest  varchar(64)  CHECK (length(export_digest) = 64 AND export_digest ~ '^[0-9a-f]+$'),
    prev_hash      bytea        NOT NULL CHECK (octet_length(prev_hash) = 32),
    leaf_hash      bytea        NOT NULL CHECK (octet_length(leaf_hash) = 32),
    hash           bytea        NOT NULL CHECK (octet_length(hash) = 32)
);

-- Auditor search (GET /audit/entries): each filter, then seq order for cursor paging.
CREATE INDEX audit_entries_actor_idx  ON audit_entries (actor, seq);
CREATE INDEX audit_entries_action_idx ON audit_entries (action, seq);
CREATE INDEX audit_entries_at_idx     ON audit_entries (at);

-- Signed tree heads (C2SP tlog-checkpoint notes). The frontier is the compact range of the tree
-- at tree_size, so the next checkpoint hashes only the entries added since.
CREATE TABLE audit_checkpoints (
    tree_size  bigint      PRIMARY KEY CHECK (tree_size > 0),
    root_hash  bytea       NOT NULL CHECK (octet_length(root_hash) = 32),
    frontier   bytea       NOT NULL CHECK (octet_length(frontier) % 32 = 0),
    key_hash   bytea       NOT NULL CHECK (octet_length(key_hash) = 4),
    note       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Hashes of complete, aligned subtrees of 2^level leaves (level >= 8), written with each
-- checkpoint, so inclusion and consistency proofs read O(log n) rows instead of every leaf.
CREATE TABLE audit_tree_nodes (
    level smallint NOT NULL CHECK (level BETWEEN 8 AND 62),
    idx   bigint   NOT NULL CHECK (idx >= 0),
    hash  bytea    NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, idx)
);

-- History is never rewritten: even the owner is stopped unless it first disables the triggers,
-- which is itself a deliberate, visible act (and the verifier still finds what changed).
CREATE FUNCTION audit_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Appends must extend the chain: the next seq, linked to the current head's hash, never earlier in
-- time. Two writers that skipped the append lock would collide here (or on the primary key)
-- instead of forking the chain. Rows earlier in the same INSERT are visible to this trigger.
CREATE FUNCTION audit_entries_extend_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head record;
BEGIN
    SELECT seq, at, hash INTO head FROM audit_entries ORDER BY seq DESC LIMIT 1;
    IF NOT FOUND THEN
        IF NEW.seq <> 1 OR NEW.prev_hash <> '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea THEN
            RAISE EXCEPTION 'the first audit entry must have seq 1 and the genesis prev_hash'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    ELSIF NEW.seq <> head.seq + 1 OR NEW.prev_hash <> head.hash OR NEW.at < head.at THEN
        RAISE EXCEPTION 'audit entry % does not extend the chain at seq %', NEW.seq, head.seq
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_entries_extend_chain BEFORE INSERT ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_extend_chain();

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();

CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();

CREATE TRIGGER audit_tree_nodes_append_only BEFORE UPDATE OR DELETE ON audit_tree_nodes
    FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_tree_nodes_no_truncate BEFORE TRUNCATE ON audit_tree_nodes
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();

REVOKE ALL ON audit_entries, audit_checkpoints, audit_tree_nodes FROM PUBLIC;

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT ON audit_entries, audit_checkpoints, audit_tree_nodes TO %I',
                       '${appRole}');
    END IF;
END
$grants$;
