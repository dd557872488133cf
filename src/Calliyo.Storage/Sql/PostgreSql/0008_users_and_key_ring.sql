-- People who sign in to the admin pages, and the ASP.NET Core data-protection key ring that
-- encrypts their session cookies and anti-forgery tokens. The key ring lives in the database so
-- that every silo of a cluster reads the cookies that any other silo issued.
CREATE TABLE IF NOT EXISTS users (
    id              uuid        PRIMARY KEY,
    account_id      uuid        NOT NULL REFERENCES accounts (id),
    email           text        NOT NULL,
    role            text        NOT NULL CHECK (role IN ('admin', 'agent')),
    password_hash   text        NOT NULL,
    created_at      timestamptz NOT NULL,
    last_sign_in_at timestamptz
);

-- An email signs in to exactly one user, whatever its letter case.
CREATE UNIQUE INDEX IF NOT EXISTS users_email_ci ON users (lower(email));
CREATE INDEX IF NOT EXISTS users_account ON users (account_id, created_at);

CREATE TABLE IF NOT EXISTS data_protection_keys (
    name       text        PRIMARY KEY,
    xml        text        NOT NULL,
    created_at timestamptz NOT NULL
);
