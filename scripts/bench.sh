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
    as_pg "$pg_bin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap stop_pg EXIT

cd "$repo"
echo "Building Release."
dotnet build -c Release Calliyo.sln -nologo -v quiet

as_pg "$pg_bin/initdb" -D "$pgdata" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
# fsync and synchronous_commit are PostgreSQL's defaults, named here because the figures
# depend on them: every commit waits for its WAL flush. max_connections leaves room for the
# per-request baseline's pool (one connection per concurrent request) beside the server's.
as_pg "$pg_bin/pg_ctl" -D "$pgdata" -l "$work/postgres.log" -w -t 60 \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=300" start >/dev/null

export CALLIYO_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') is running on 127.0.0.1:$port."
echo "uptime: $(uptime)"

set +e
dotnet tests/Calliyo.Benchmarks/bin/Release/net10.0/Calliyo.Benchmarks.dll "$@"
status=$?
set -e

echo "uptime: $(uptime)"
exit "$status"
