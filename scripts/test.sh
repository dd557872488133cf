#!/usr/bin/env bash
# Runs the whole test suite against real SQLite and a throwaway PostgreSQL server.
#
# Starts PostgreSQL from the machine's server binaries (installing Debian's package when they
# are missing) on a free loopback port, exports its connection string as
# CALLIYO_TEST_POSTGRES, runs `dotnet test` on the solution, stops the server and prints
# "N passed, N failed". Extra arguments go to `dotnet test` (for example --filter).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/calliyo-test.XXXXXX)
results="$work/results"
mkdir -p "$results"

find_pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

pg_bin=$(find_pg_bin)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "PostgreSQL server binaries not found; installing Debian's postgresql package."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
    pg_bin=$(find_pg_bin)
fi

# The browser tests drive Debian's Chromium; Playwright must never download a browser of its own.
if [ ! -x /usr/bin/chromium ]; then
    echo "Chromium not found; installing Debian's chromium package for the browser tests."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# PostgreSQL refuses to run as root, so the cluster belongs to the postgres user when we are root.
as_pg() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pgdata="$work/pgdata"
mkdir -p "$pgdata"
[ "$(id -u)" = "0" ] && chown -R postgres "$work"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

stop_pg() {
    as_pg "$pg_bin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap stop_pg EXIT

as_pg "$pg_bin/initdb" -D "$pgdata" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
# fsync is off because the suite tests Calliyo's durability, not PostgreSQL's; it makes the
# many small test databases cheap to create and drop.
as_pg "$pg_bin/pg_ctl" -D "$pgdata" -l "$work/postgres.log" -w -t 60 \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null

export CALLIYO_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') is running on 127.0.0.1:$port."

cd "$repo"
set +e
dotnet test Calliyo.sln --logger "trx" --results-directory "$results" "$@" 2>&1 | tee "$work/test-output.log"
status=${PIPESTATUS[0]}
set -e

passed=0
failed=0
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
    f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # The build or a test host failed before any test could report.
    failed=1
fi

echo "$passed passed, $failed failed"
exit "$status"
