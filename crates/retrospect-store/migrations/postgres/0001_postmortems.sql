-- Post-mortems and every part of them, normalised: one table per part, keyed
-- by the post-mortem and the part's local id (T1, C2, ...) or its position.
--
-- Conventions shared with migrations/sqlite (the SQL the code runs is the same
-- on both): timestamps are BIGINT unix microseconds, dates TEXT 'YYYY-MM-DD',
-- enums their lower-case domain names (no CHECK lists: the domain validates,
-- and a CHECK would need a migration whenever an enum grows),
-- `position` keeps the order the parts had in the post-mortem, and `*_folded`
-- columns hold a lower-cased copy (computed in Rust, so both backends fold
-- Unicode the same way) for case-insensitive matching through an index.
--
-- References between parts of one post-mortem are DEFERRABLE INITIALLY DEFERRED
-- so that a save can delete and reinsert all parts in any order inside its
-- transaction; they are checked at COMMIT.

CREATE TABLE postmortems (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- never reused: links and audit entries keep meaning
    title         TEXT    NOT NULL,
    title_folded  TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    visibility    TEXT    NOT NULL,
    severity      BIGINT  CHECK (severity BETWEEN 1 AND 5),
    summary       TEXT    NOT NULL,
    impact        TEXT    NOT NULL,
    author        TEXT,
    author_folded TEXT,
    team          TEXT,
    team_folded   TEXT,
    template      TEXT,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    version       BIGINT  NOT NULL CHECK (version >= 1)
);
CREATE INDEX postmortems_created ON postmortems (created_at);
CREATE INDEX postmortems_author ON postmortems (author_folded);
CREATE INDEX postmortems_team ON postmortems (team_folded);
CREATE INDEX postmortems_kind_status ON postmortems (kind, status);

CREATE TABLE participants (
    postmortem_id BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position      BIGINT  NOT NULL,
    name          TEXT    NOT NULL,
    name_folded   TEXT    NOT NULL,
    role          TEXT,
    PRIMARY KEY (postmortem_id, position)
);
CREATE INDEX participants_name ON participants (name_folded);

CREATE TABLE tags (
    postmortem_id BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position      BIGINT  NOT NULL,
    tag           TEXT    NOT NULL,
    PRIMARY KEY (postmortem_id, position)
);
CREATE INDEX tags_tag ON tags (tag);

CREATE TABLE fishbone_categories (
    postmortem_id BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position      BIGINT  NOT NULL,
    name          TEXT    NOT NULL,
    PRIMARY KEY (postmortem_id, position)
);

CREATE TABLE free_sections (
    postmortem_id BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position      BIGINT  NOT NULL,
    heading       TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    PRIMARY KEY (postmortem_id, position)
);

CREATE TABLE key_moments (
    postmortem_id BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position      BIGINT  NOT NULL,
    kind          TEXT    NOT NULL, -- started, detected, mitigated, resolved, or a custom name
    at            BIGINT  NOT NULL,
    zone          TEXT,
    note          TEXT,
    PRIMARY KEY (postmortem_id, position)
);

CREATE TABLE evidence (
    postmortem_id BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    local_id      BIGINT  NOT NULL,
    position      BIGINT  NOT NULL,
    kind          TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    size          BIGINT  NOT NULL CHECK (size >= 0),
    checksum      TEXT    NOT NULL,
    imported_at   BIGINT  NOT NULL,
    source        TEXT    NOT NULL,
    PRIMARY KEY (postmortem_id, local_id)
);

CREATE TABLE log_templates (
    postmortem_id BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    evidence_id   BIGINT  NOT NULL,
    template_id   BIGINT  NOT NULL,
    position      BIGINT  NOT NULL,
    pattern       TEXT    NOT NULL,
    count         BIGINT  NOT NULL CHECK (count >= 0),
    first_seen    BIGINT,
    last_seen     BIGINT,
    level         TEXT,
    examples      TEXT    NOT NULL, -- JSON array of strings, shown as they are, never queried
    PRIMARY KEY (postmortem_id, evidence_id, template_id),
    FOREIGN KEY (postmortem_id, evidence_id) REFERENCES evidence (postmortem_id, local_id)
        DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE timeline_entries (
    postmortem_id     BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    local_id          BIGINT  NOT NULL,
    position          BIGINT  NOT NULL,
    at                BIGINT  NOT NULL,
    zone              TEXT,
    text              TEXT    NOT NULL,
    actor             TEXT,
    source            TEXT    NOT NULL,
    evidence_id       BIGINT,
    evidence_position TEXT,
    key_moment        TEXT,
    hidden            BOOLEAN NOT NULL,
    state             TEXT    NOT NULL,
    PRIMARY KEY (postmortem_id, local_id),
    FOREIGN KEY (postmortem_id, evidence_id) REFERENCES evidence (postmortem_id, local_id)
        DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX timeline_entries_at ON timeline_entries (postmortem_id, at);

CREATE TABLE causes (
    postmortem_id BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    local_id      BIGINT  NOT NULL,
    position      BIGINT  NOT NULL,
    parent_id     BIGINT, -- the cause this one answers "why?" about; NULL for a root
    text          TEXT    NOT NULL,
    category      TEXT,    -- fishbone bone
    PRIMARY KEY (postmortem_id, local_id),
    FOREIGN KEY (postmortem_id, parent_id) REFERENCES causes (postmortem_id, local_id)
        DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX causes_category ON causes (category);

CREATE TABLE cause_timeline_refs (
    postmortem_id BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    cause_id      BIGINT  NOT NULL,
    position      BIGINT  NOT NULL,
    entry_id      BIGINT  NOT NULL,
    PRIMARY KEY (postmortem_id, cause_id, position),
    FOREIGN KEY (postmortem_id, cause_id) REFERENCES causes (postmortem_id, local_id)
        DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (postmortem_id, entry_id) REFERENCES timeline_entries (postmortem_id, local_id)
        DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE cause_evidence_refs (
    postmortem_id BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    cause_id      BIGINT  NOT NULL,
    position      BIGINT  NOT NULL,
    evidence_id   BIGINT  NOT NULL,
    PRIMARY KEY (postmortem_id, cause_id, position),
    FOREIGN KEY (postmortem_id, cause_id) REFERENCES causes (postmortem_id, local_id)
        DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (postmortem_id, evidence_id) REFERENCES evidence (postmortem_id, local_id)
        DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE lessons (
    postmortem_id BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    local_id      BIGINT  NOT NULL,
    position      BIGINT  NOT NULL,
    kind          TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    PRIMARY KEY (postmortem_id, local_id)
);

CREATE TABLE actions (
    postmortem_id     BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    local_id          BIGINT  NOT NULL,
    position          BIGINT  NOT NULL,
    text              TEXT    NOT NULL,
    owner             TEXT,
    owner_folded      TEXT,
    due               TEXT,   -- YYYY-MM-DD
    kind              TEXT    NOT NULL,
    success_criterion TEXT,
    status            TEXT    NOT NULL,
    review_date       TEXT,   -- YYYY-MM-DD
    effectiveness     TEXT,
    PRIMARY KEY (postmortem_id, local_id)
);
CREATE INDEX actions_owner ON actions (owner_folded, status, due);
CREATE INDEX actions_status_due ON actions (status, due);
CREATE INDEX actions_review_date ON actions (review_date);

CREATE TABLE action_causes (
    postmortem_id BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    action_id     BIGINT  NOT NULL,
    position      BIGINT  NOT NULL,
    cause_id      BIGINT  NOT NULL,
    PRIMARY KEY (postmortem_id, action_id, position),
    FOREIGN KEY (postmortem_id, action_id) REFERENCES actions (postmortem_id, local_id)
        DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (postmortem_id, cause_id) REFERENCES causes (postmortem_id, local_id)
        DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE comments (
    postmortem_id BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    local_id      BIGINT  NOT NULL,
    position      BIGINT  NOT NULL,
    author        TEXT    NOT NULL,
    at            BIGINT  NOT NULL,
    on_part       TEXT,   -- T3, C2, A1, L4 or E1
    text          TEXT    NOT NULL,
    PRIMARY KEY (postmortem_id, local_id)
);

-- Coach findings a facilitator chose to keep, with the reason (the publish gate).
CREATE TABLE acknowledgements (
    postmortem_id   BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    position        BIGINT  NOT NULL,
    fingerprint     TEXT    NOT NULL,
    rule            TEXT    NOT NULL,
    excerpt         TEXT    NOT NULL,
    acknowledged_by TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    at              BIGINT  NOT NULL,
    PRIMARY KEY (postmortem_id, position)
);
