-- Webhook keys, the platform lead ids they have seen, their request log, idempotency records
-- of POST requests, and per-account column aliases; the same shape as on PostgreSQL.
CREATE TABLE IF NOT EXISTS webhook_keys (
    id                    TEXT    PRIMARY KEY,
    account_id            TEXT    NOT NULL REFERENCES accounts (id),
    name                  TEXT    NOT NULL,
    token_hash            BLOB    NOT NULL,
    allowed_domains       TEXT    NOT NULL DEFAULT '[]',
    honeypot_field        TEXT,
    default_status        TEXT,
    default_tags          TEXT    NOT NULL DEFAULT '[]',
    rate_limit_per_minute INTEGER NOT NULL,
    enabled               INTEGER NOT NULL DEFAULT 1,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS webhook_keys_account ON webhook_keys (account_id, created_at);

CREATE TABLE IF NOT EXISTS webhook_deliveries (
    key_id        TEXT    NOT NULL REFERENCES webhook_keys (id),
    external_id   TEXT    NOT NULL,
    status_code   INTEGER NOT NULL,
    response_body TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    PRIMARY KEY (key_id, external_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS webhook_requests (
    id          TEXT    PRIMARY KEY,
    key_id      TEXT    NOT NULL REFERENCES webhook_keys (id),
    received_at TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    status_code INTEGER NOT NULL,
    reason      TEXT,
    lead_id     TEXT,
    format      TEXT,
    fields      TEXT
);

CREATE INDEX IF NOT EXISTS webhook_requests_key_newest ON webhook_requests (key_id, id DESC);

CREATE TABLE IF NOT EXISTS idempotency_keys (
    scope         TEXT    NOT NULL,
    key           TEXT    NOT NULL,
    request_hash  BLOB    NOT NULL,
    status_code   INTEGER,
    content_type  TEXT,
    response_body BLOB,
    location      TEXT,
    created_at    TEXT    NOT NULL,
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS column_aliases (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    alias      TEXT NOT NULL,
    field      TEXT NOT NULL,
    PRIMARY KEY (account_id, alias)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS leads_account_status ON leads (account_id, status, id DESC);
