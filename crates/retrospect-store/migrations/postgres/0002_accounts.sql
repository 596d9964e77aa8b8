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
    password_hash   TEXT    NOT NULL,        -- opaque (a PHC string from the web layer); never the password
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
    last_used_at BIGINT,
    expires_at   BIGINT           -- NULL: until revoked
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Sign-in attempts, for rate limiting: failures per (username, address)
-- within a window, not counting those before the last success.
CREATE TABLE login_attempts (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username_folded TEXT    NOT NULL,
    address         TEXT    NOT NULL, -- the client's IP address as the web layer sees it
    succeeded       BOOLEAN NOT NULL,
    at              BIGINT  NOT NULL
);
CREATE INDEX login_attempts_who ON login_attempts (username_folded, address, at);
CREATE INDEX login_attempts_at ON login_attempts (at);

-- Who viewed or changed what. No foreign key to postmortems: the record of
-- who saw or changed a post-mortem outlives the post-mortem itself.
CREATE TABLE audit_log (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    postmortem_id BIGINT,          -- NULL for events about no post-mortem in particular
    user_id       BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    username      TEXT    NOT NULL, -- as it was at the time
    action        TEXT    NOT NULL, -- created, viewed, changed, exported, deleted, ...
    at            BIGINT  NOT NULL,
    detail        TEXT    NOT NULL
);
CREATE INDEX audit_log_postmortem ON audit_log (postmortem_id, at);
