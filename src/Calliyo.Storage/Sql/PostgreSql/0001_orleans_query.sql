-- The Orleans ADO.NET providers read their SQL from this table at start-up. The table and
-- column names are fixed by the providers; PostgreSQL folds them to lower case, which the
-- providers accept because Npgsql looks result columns up case-insensitively.
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  text PRIMARY KEY,
    QueryText text NOT NULL
);
