-- Accounts, pipelines, API tokens and leads; the same shape as the PostgreSQL migration of
-- this content. UUIDs are stored as lower-case text, which sorts UUIDv7 lead ids by creation
-- time; timestamps are ISO 8601 UTC text; tags are a JSON array.
CREATE TABLE IF NOT EXISTS accounts (
    id             TEXT    PRIMARY KEY,
    name           TEXT    NOT NULL,
    default_region TEXT    NOT NULL,
    is_default     INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT    NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS accounts_single_default ON accounts (is_default) WHERE is_default = 1;

CREATE TABLE IF NOT EXISTS statuses (
    account_id   TEXT    NOT NULL REFERENCES accounts (id),
    name         TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    is_protected INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
);

CREATE UNIQUE INDEX IF NOT EXISTS statuses_name_ci ON statuses (account_id, lower(name));

CREATE TABLE IF NOT EXISTS api_tokens (
    id           TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (id),
    name         TEXT NOT NULL,
    secret_hash  BLOB NOT NULL,
    scopes       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT,
    last_used_at TEXT
);

CREATE TABLE IF NOT EXISTS leads (
    id              TEXT    PRIMARY KEY,
    account_id      TEXT    NOT NULL REFERENCES accounts (id),
    first_name      TEXT    NOT NULL,
    last_name       TEXT,
    phone_e164      TEXT    NOT NULL,
    phone_extension TEXT,
    phone_key       TEXT    NOT NULL,
    email           TEXT,
    tags            TEXT    NOT NULL DEFAULT '[]',
    status          TEXT    NOT NULL,
    source          TEXT    NOT NULL,
    source_ref      TEXT,
    source_row      INTEGER,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS leads_account_phone ON leads (account_id, phone_key);
CREATE INDEX IF NOT EXISTS leads_account_newest ON leads (account_id, id DESC);
