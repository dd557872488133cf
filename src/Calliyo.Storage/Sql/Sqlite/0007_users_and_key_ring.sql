-- People who sign in to the admin pages, and the ASP.NET Core data-protection key ring that
-- encrypts their session cookies and anti-forgery tokens; the same shape as on PostgreSQL.
CREATE TABLE IF NOT EXISTS users (
    id              TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL REFERENCES accounts (id),
    email           TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
    password_hash   TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    last_sign_in_at TEXT
);

CREATE UNIQUE INDEX IF NOT EXISTS users_email_ci ON users (lower(email));
CREATE INDEX IF NOT EXISTS users_account ON users (account_id, created_at);

CREATE TABLE IF NOT EXISTS data_protection_keys (
    name       TEXT PRIMARY KEY,
    xml        TEXT NOT NULL,
    created_at TEXT NOT NULL
);
