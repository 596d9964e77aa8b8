-- Accounts for the web application: users, teams, sessions, API tokens, login
-- rate limiting and the audit of who viewed or changed a post-mortem.
-- Secrets are never stored: only hashes of tokens and of passwords (the hashing
-- happens in the web layer).

CREATE TABLE users (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    username        TEXT    NOT NULL,
    username_folded TEXT    NOT NULL UNIQUE, -- usernames are unique ignoring case
    display_name    TEXT    NOT NULL,
    email           TEXT,
    password_hash   TEXT    NOT NULL,        -- opaque (a PHC string from the web layer); never the password
    role            TEXT    NOT NULL,        -- viewer, contributor, facilitator, administrator
    created_at      INTEGER NOT NULL,
    disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);

CREATE TABLE teams (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    name_folded TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash   TEXT    NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_secret  TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash   TEXT    NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    expires_at   INTEGER          -- NULL: until revoked
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Sign-in attempts, for rate limiting: failures per (username, address)
-- within a window, not counting those before the last success.
CREATE TABLE login_attempts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    username_folded TEXT    NOT NULL,
    address         TEXT    NOT NULL, -- the client's IP address as the web layer sees it
    succeeded       INTEGER NOT NULL CHECK (succeeded IN (0, 1)),
    at              INTEGER NOT NULL
);
CREATE INDEX login_attempts_who ON login_attempts (username_folded, address, at);
CREATE INDEX login_attempts_at ON login_attempts (at);

-- Who viewed or changed what. No foreign key to postmortems: the record of
-- who saw or changed a post-mortem outlives the post-mortem itself.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    postmortem_id INTEGER,          -- NULL for events about no post-mortem in particular
    user_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    username      TEXT    NOT NULL, -- as it was at the time
    action        TEXT    NOT NULL, -- created, viewed, changed, exported, deleted, ...
    at            INTEGER NOT NULL,
    detail        TEXT    NOT NULL
);
CREATE INDEX audit_log_postmortem ON audit_log (postmortem_id, at);
