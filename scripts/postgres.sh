# Sourced by the test and benchmark scripts: starts a throwaway PostgreSQL server.
#
#   start_postgres WORK_DIR [SERVER_OPTION...]
#
# Uses the machine's server binaries, installing Debian's postgresql package when they are
# missing. The cluster lives in WORK_DIR/pgdata and belongs to the postgres user when the
# script runs as root (PostgreSQL refuses to run as root). It listens on a free loopback port,
# with its socket in WORK_DIR; each SERVER_OPTION is passed as `-c OPTION`. Sets PG_PORT and
# PG_VERSION, and stop_postgres stops the server and removes WORK_DIR.

find_pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_pg() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start_postgres() {
    PG_WORK=$1
    shift

    PG_BIN=$(find_pg_bin)
    if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
        echo "PostgreSQL server binaries not found; installing Debian's postgresql package."
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql >/dev/null
        PG_BIN=$(find_pg_bin)
    fi

    mkdir -p "$PG_WORK/pgdata"
    if [ "$(id -u)" = "0" ]; then
        chown -R postgres "$PG_WORK"
    fi

    PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    PG_VERSION=$("$PG_BIN/postgres" --version | awk '{print $3}')

    local options="-p $PG_PORT -k $PG_WORK -c listen_addresses=127.0.0.1"
    for option in "$@"; do
        options="$options -c $option"
    done

    as_pg "$PG_BIN/initdb" -D "$PG_WORK/pgdata" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$PG_BIN/pg_ctl" -D "$PG_WORK/pgdata" -l "$PG_WORK/postgres.log" -w -t 60 -o "$options" start >/dev/null
}

stop_postgres() {
    if [ -n "${PG_BIN:-}" ] && [ -d "${PG_WORK:-}/pgdata" ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_WORK/pgdata" -m immediate stop >/dev/null 2>&1 || true
    fi

    if [ -n "${PG_WORK:-}" ]; then
        rm -rf "$PG_WORK"
    fi
}
