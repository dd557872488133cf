-- CSV imports: the listing of an account's imports and the uploaded bytes. The shape is the
-- PostgreSQL migration's, with UUIDs and timestamps stored as text.
CREATE TABLE IF NOT EXISTS import_jobs (
    id                  TEXT    PRIMARY KEY,
    account_id          TEXT    NOT NULL REFERENCES accounts (id),
    file_name           TEXT,
    size_bytes          INTEGER NOT NULL,
    status              TEXT    NOT NULL,
    rows_total          INTEGER NOT NULL,
    rows_processed      INTEGER NOT NULL DEFAULT 0,
    imported            INTEGER NOT NULL DEFAULT 0,
    duplicates_existing INTEGER NOT NULL DEFAULT 0,
    duplicates_in_file  INTEGER NOT NULL DEFAULT 0,
    errors              INTEGER NOT NULL DEFAULT 0,
    blank_rows          INTEGER NOT NULL DEFAULT 0,
    failure             TEXT,
    created_at          TEXT    NOT NULL,
    started_at          TEXT,
    finished_at         TEXT,
    updated_at          TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS import_jobs_account_newest ON import_jobs (account_id, id DESC);

CREATE TABLE IF NOT EXISTS import_files (
    job_id  TEXT PRIMARY KEY REFERENCES import_jobs (id),
    content BLOB NOT NULL
);
