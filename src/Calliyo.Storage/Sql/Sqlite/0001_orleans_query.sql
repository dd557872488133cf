-- The Orleans ADO.NET providers read their SQL from this table at start-up; the table and
-- column names are fixed by the providers.
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  TEXT PRIMARY KEY,
    QueryText TEXT NOT NULL
);
