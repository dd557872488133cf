-- Webhook keys, the platform lead ids they have seen, their request log, idempotency records
-- of POST requests, and per-account column aliases.
CREATE TABLE IF NOT EXISTS webhook_keys (
    id                    uuid        PRIMARY KEY,
    account_id            uuid        NOT NULL REFERENCES accounts (id),
    name                  text        NOT NULL,
    token_hash            bytea       NOT NULL,
    allowed_domains       jsonb       NOT NULL DEFAULT '[]',
    honeypot_field        text,
    default_status        text,
    default_tags          jsonb       NOT NULL DEFAULT '[]',
    rate_limit_per_minute integer     NOT NULL,
    enabled               boolean     NOT NULL DEFAULT true,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS webhook_keys_account ON webhook_keys (account_id, created_at);

-- The first answer given to each platform lead id, replayed when the platform delivers it again.
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    key_id        uuid        NOT NULL REFERENCES webhook_keys (id),
    external_id   text        NOT NULL,
    status_code   integer     NOT NULL,
    response_body text        NOT NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (key_id, external_id)
);

-- The most recent submissions per key (trimmed to a bounded number by the writer).
CREATE TABLE IF NOT EXISTS webhook_requests (
    id          uuid        PRIMARY KEY,
    key_id      uuid        NOT NULL REFERENCES webhook_keys (id),
    received_at timestamptz NOT NULL,
    outcome     text        NOT NULL,
    status_code integer     NOT NULL,
    reason      text,
    lead_id     uuid,
    format      text,
    fields      jsonb
);

CREATE INDEX IF NOT EXISTS webhook_requests_key_newest ON webhook_requests (key_id, id DESC);

CREATE TABLE IF NOT EXISTS idempotency_keys (
    scope         text        NOT NULL,
    key           text        NOT NULL,
    request_hash  bytea       NOT NULL,
    status_code   integer,
    content_type  text,
    response_body bytea,
    location      text,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE IF NOT EXISTS column_aliases (
    account_id uuid NOT NULL REFERENCES accounts (id),
    alias      text NOT NULL,
    field      text NOT NULL,
    PRIMARY KEY (account_id, alias)
);

CREATE INDEX IF NOT EXISTS leads_account_status ON leads (account_id, status, id DESC);
