#!/usr/bin/env bash
# Runs the lead write-path benchmarks against a throwaway PostgreSQL server.
#
# Builds the solution in Release and starts PostgreSQL from the machine's server binaries
# (installing Debian's package when they are missing) on a free loopback port. fsync and
# synchronous_commit are on, so commits cost what they cost in production. It then runs
# tests/Calliyo.Benchmarks with the given arguments (scenarios and options, which --help
# lists) and stops the server. The exit code is the benchmark's: 1 when a stored-count check
# failed.
#
#   bash scripts/bench.sh                      # api-burst, dup-storm and writer
#   bash scripts/bench.sh api-burst --duration 30
#   bash scripts/bench.sh --smoke              # about 2 s per scenario, checks only
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/calliyo-bench.XXXXXX)

source "$repo/scripts/postgres.sh"
trap 'stop_postgres; rm -rf "$work"' EXIT

cd "$repo"
echo "Building Release."
dotnet build -c Release Calliyo.sln -nologo -v quiet

# fsync and synchronous_commit are PostgreSQL's defaults, named here because the figures
# depend on them: every commit waits for its WAL flush. max_connections leaves room for the
# per-request baseline's pool (one connection per concurrent request) beside the server's.
start_postgres "$work" fsync=on synchronous_commit=on max_connections=300

export CALLIYO_BENCH_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
echo "PostgreSQL $PG_VERSION is running on 127.0.0.1:$PG_PORT."
echo "uptime: $(uptime)"

set +e
dotnet tests/Calliyo.Benchmarks/bin/Release/net10.0/Calliyo.Benchmarks.dll "$@"
status=$?
set -e

echo "uptime: $(uptime)"
exit "$status"
