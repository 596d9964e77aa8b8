-- Accounts for the web application: users, teams, sessions, API tokens, login
-- rate limiting and the audit of who viewed or changed a post-mortem.
-- Secrets are never stored: only hashes of tokens and of passwords (the hashing
-- happens in the web layer).

CREATE TABLE users (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username        TEXT    NOT NULL,
    username_folded TEXT    NOT NULL UNIQUE, -- usernames are unique ignoring case
    display_name    TEXT    NOT NULL,
    email           TEXT,
    password_hash   TEXT,                    -- opaque (e.g. a PHC string); NULL: cannot sign in with a password
    role            TEXT    NOT NULL,        -- viewer, contributor, facilitator, administrator
    created_at      BIGINT  NOT NULL,
    disabled        BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE teams (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT    NOT NULL,
    name_folded TEXT    NOT NULL UNIQUE,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE team_members (
    team_id BIGINT  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);

CREATE TABLE sessions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash   TEXT    NOT NULL UNIQUE,
    user_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_secret  TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL,
    last_seen_at BIGINT  NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash   TEXT    NOT NULL UNIQUE,
    user_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    last_used_at BIGINT 
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE login_attempts (
    id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key TEXT    NOT NULL, -- what is rate limited: a folded username, an address
    at  BIGINT  NOT NULL
);
CREATE INDEX login_attempts_key_at ON login_attempts (key, at);
CREATE INDEX login_attempts_at ON login_attempts (at);

-- No foreign key to postmortems: the record of who saw or changed a
-- post-mortem outlives the post-mortem itself.
CREATE TABLE audit_log (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    postmortem_id BIGINT  NOT NULL,
    user_id       BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    username      TEXT    NOT NULL, -- as it was at the time
    action        TEXT    NOT NULL, -- created, viewed, changed, exported, deleted, ...
    at            BIGINT  NOT NULL,
    detail        TEXT    NOT NULL
);
CREATE INDEX audit_log_postmortem ON audit_log (postmortem_id, at);
