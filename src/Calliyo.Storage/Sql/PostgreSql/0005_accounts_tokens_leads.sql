-- Accounts, their pipelines and API tokens, and the leads table. Leads live in a plain
-- relational table (not grain state) so that they can be listed and filtered.
CREATE TABLE IF NOT EXISTS accounts (
    id             uuid        PRIMARY KEY,
    name           text        NOT NULL,
    default_region text        NOT NULL,
    is_default     boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL
);

-- At most one account is the one that first start-up creates.
CREATE UNIQUE INDEX IF NOT EXISTS accounts_single_default ON accounts (is_default) WHERE is_default;

CREATE TABLE IF NOT EXISTS statuses (
    account_id   uuid    NOT NULL REFERENCES accounts (id),
    name         text    NOT NULL,
    position     integer NOT NULL,
    is_protected boolean NOT NULL,
    PRIMARY KEY (account_id, name)
);

CREATE UNIQUE INDEX IF NOT EXISTS statuses_name_ci ON statuses (account_id, lower(name));

CREATE TABLE IF NOT EXISTS api_tokens (
    id           text        PRIMARY KEY,
    account_id   uuid        NOT NULL REFERENCES accounts (id),
    name         text        NOT NULL,
    secret_hash  bytea       NOT NULL,
    scopes       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

CREATE TABLE IF NOT EXISTS leads (
    id              uuid        PRIMARY KEY,
    account_id      uuid        NOT NULL REFERENCES accounts (id),
    first_name      text        NOT NULL,
    last_name       text,
    phone_e164      text        NOT NULL,
    phone_extension text,
    phone_key       text        NOT NULL,
    email           text,
    tags            jsonb       NOT NULL DEFAULT '[]',
    status          text        NOT NULL,
    source          text        NOT NULL,
    source_ref      text,
    source_row      integer,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

-- The durable backstop of phone dedupe: one lead per (account, phone key) whatever the grains do.
CREATE UNIQUE INDEX IF NOT EXISTS leads_account_phone ON leads (account_id, phone_key);

-- Lead ids are UUIDv7, so ordering by id is ordering by creation time.
CREATE INDEX IF NOT EXISTS leads_account_newest ON leads (account_id, id DESC);
