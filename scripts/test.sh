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

# The browser tests drive Debian's Chromium; Playwright must never download a browser of its own.
if [ ! -x /usr/bin/chromium ]; then
    echo "Chromium not found; installing Debian's chromium package for the browser tests."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

source "$repo/scripts/postgres.sh"
trap stop_postgres EXIT

# fsync is off because the suite tests Calliyo's durability, not PostgreSQL's; it makes the
# many small test databases cheap to create and drop.
start_postgres "$work" fsync=off max_connections=300

export CALLIYO_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
echo "PostgreSQL $PG_VERSION is running on 127.0.0.1:$PG_PORT."

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
