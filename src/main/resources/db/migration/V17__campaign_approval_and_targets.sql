-- Campaigns are no longer a standing pass (confidentiality §7-§9): each one has an owning person,
-- an approval by the appropriate officer or the executive director before any list can be asked
-- under it, an early end, and targets that a request under it must stay within.
--
-- owner_id (V3) stays the person responsible for the campaign; created_by_id is who entered it
-- (staff often enter a campaign on an officer's behalf), and never approves it.
--
-- Existing rows: they were created without anyone's approval, so they migrate as PENDING_APPROVAL
-- and can be used again once the appropriate officer approves them (policies/README.md, "Campaigns").
-- Their creator is taken to be their owner. They have no targets: a SELECTIVE_CLASSIFICATION
-- campaign without classifications is refused by the policy (it would reach the whole scope), so
-- such a campaign must be created anew with its classifications.
ALTER TABLE campaigns
    ADD COLUMN status                 varchar(16)   NOT NULL DEFAULT 'PENDING_APPROVAL'
        CHECK (status IN ('PENDING_APPROVAL', 'ACTIVE', 'REJECTED', 'ENDED')),
    ADD COLUMN created_by_id          bigint        REFERENCES people (id),
    ADD COLUMN approved_by_id         bigint        REFERENCES people (id),
    ADD COLUMN approved_at            timestamptz,
    ADD COLUMN approval_note          varchar(1000),
    ADD COLUMN ended_by_id            bigint        REFERENCES people (id),
    ADD COLUMN ended_at               timestamptz,
    -- Targets: empty = not narrowed by it. Values compare exactly with members' columns.
    ADD COLUMN target_classifications varchar(120)[] NOT NULL DEFAULT '{}'
        CHECK (cardinality(target_classifications) <= 200),
    ADD COLUMN target_worksites       varchar(200)[] NOT NULL DEFAULT '{}'
        CHECK (cardinality(target_worksites) <= 200),
    ADD COLUMN target_audiences       varchar(32)[]  NOT NULL DEFAULT '{}'
        CHECK (target_audiences <@ ARRAY['MEMBERS', 'REPRESENTED_WORKERS', 'CAPE_CONTRIBUTORS']::varchar(32)[]);

UPDATE campaigns SET created_by_id = owner_id;
ALTER TABLE campaigns ALTER COLUMN created_by_id SET NOT NULL;

ALTER TABLE campaigns
    -- A decided campaign says who decided and when; an ended one who ended it and when.
    ADD CONSTRAINT campaigns_decided_check
        CHECK (status NOT IN ('ACTIVE', 'REJECTED') OR (approved_by_id IS NOT NULL AND approved_at IS NOT NULL)),
    ADD CONSTRAINT campaigns_ended_check
        CHECK ((status = 'ENDED') = (ended_at IS NOT NULL AND ended_by_id IS NOT NULL)),
    -- A selective campaign in use names the classifications it reaches (confidentiality §7); the
    -- migrated ones without any cannot be approved, only rejected or ended.
    ADD CONSTRAINT campaigns_selective_check
        CHECK (kind <> 'SELECTIVE_CLASSIFICATION' OR cardinality(target_classifications) > 0
               OR status IN ('PENDING_APPROVAL', 'REJECTED', 'ENDED'));

-- Approvers' work list: the campaigns waiting for a decision.
CREATE INDEX campaigns_pending_idx ON campaigns (id) WHERE status = 'PENDING_APPROVAL';
