-- The union's structure and its members (CONTRACT §4).
-- Ids are free-form but bounded; the importer validates the same rules and names the bad line.
-- Patterns spell out repeats instead of {n}: PostgreSQL's regex engine makes bounded repeats
-- cost microseconds per row, which a million-row import multiplies.

CREATE TABLE regions (
    id   varchar(32)  PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]+$'),
    name varchar(200) NOT NULL
);

CREATE TABLE employer_groups (
    id   varchar(32)  PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]+$'),
    name varchar(200) NOT NULL
);

CREATE TABLE locals (
    id                varchar(32)  PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]+$'),
    name              varchar(200) NOT NULL,
    region_id         varchar(32)  NOT NULL REFERENCES regions (id),
    employer_group_id varchar(32)  NOT NULL REFERENCES employer_groups (id),
    -- Target of the members' composite foreign key below.
    UNIQUE (id, region_id, employer_group_id)
);

CREATE TABLE members (
    member_id          varchar(32)  PRIMARY KEY CHECK (member_id ~ '^[A-Za-z0-9_-]+$'),
    first_name         varchar(100) NOT NULL,
    last_name          varchar(100) NOT NULL,
    local_id           varchar(32)  NOT NULL,
    -- region and employer_group repeat the local's so scope queries need no join; the composite
    -- foreign key keeps them equal to the local's, and follows a local that moves.
    region             varchar(32)  NOT NULL,
    employer_group     varchar(32)  NOT NULL,
    employer           varchar(200),
    worksite           varchar(200),
    classification     varchar(120),
    membership_status  varchar(16)  NOT NULL
        CHECK (membership_status IN ('MEMBER', 'FAIR_SHARE', 'NON_MEMBER', 'RETIRED')),
    cape_contributor   boolean      NOT NULL DEFAULT false,
    home_street        varchar(200),
    home_city          varchar(100),
    home_state         varchar(2)   CHECK (home_state ~ '^[A-Z][A-Z]$'),
    home_zip           varchar(10)  CHECK (home_zip ~ '^[0-9][0-9][0-9][0-9][0-9](-[0-9][0-9][0-9][0-9])?$'),
    home_phone         varchar(32),
    mobile_phone       varchar(32),
    home_email         varchar(254),
    work_email         varchar(254),
    birth_date         date,
    preferred_language varchar(40),
    worksite_leader    boolean      NOT NULL DEFAULT false,
    steward            boolean      NOT NULL DEFAULT false,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now(),
    FOREIGN KEY (local_id, region, employer_group)
        REFERENCES locals (id, region_id, employer_group_id) ON UPDATE CASCADE
);

-- Scope queries: every list is bounded by a local, a region or an employer group, and usually
-- narrowed by audience (membership status), worksite or classification. Status is the second key
-- of each scope index rather than an index of its own: it has four values and never comes alone.
CREATE INDEX members_local_idx          ON members (local_id, membership_status);
CREATE INDEX members_region_idx         ON members (region, membership_status);
CREATE INDEX members_employer_group_idx ON members (employer_group, membership_status);
CREATE INDEX members_worksite_idx       ON members (worksite);
CREATE INDEX members_classification_idx ON members (classification);
