-- CSV imports. import_jobs is the listing of an account's imports with their latest counts.
-- The job resumes from its grain state (state name import-job), and every checkpoint copies
-- that state into this row. import_files keeps the uploaded bytes so that any silo can run,
-- resume or report on the job. It is a table of its own so that listing never reads a file.
CREATE TABLE IF NOT EXISTS import_jobs (
    id                  uuid        PRIMARY KEY,
    account_id          uuid        NOT NULL REFERENCES accounts (id),
    file_name           text,
    size_bytes          integer     NOT NULL,
    status              text        NOT NULL,
    rows_total          integer     NOT NULL,
    rows_processed      integer     NOT NULL DEFAULT 0,
    imported            integer     NOT NULL DEFAULT 0,
    duplicates_existing integer     NOT NULL DEFAULT 0,
    duplicates_in_file  integer     NOT NULL DEFAULT 0,
    errors              integer     NOT NULL DEFAULT 0,
    blank_rows          integer     NOT NULL DEFAULT 0,
    failure             text,
    created_at          timestamptz NOT NULL,
    started_at          timestamptz,
    finished_at         timestamptz,
    updated_at          timestamptz NOT NULL
);

-- Job ids are UUIDv7, so ordering by id is ordering by upload time.
CREATE INDEX IF NOT EXISTS import_jobs_account_newest ON import_jobs (account_id, id DESC);

CREATE TABLE IF NOT EXISTS import_files (
    job_id  uuid  PRIMARY KEY REFERENCES import_jobs (id),
    content bytea NOT NULL
);
