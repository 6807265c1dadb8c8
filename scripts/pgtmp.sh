#!/usr/bin/env bash
# A throwaway PostgreSQL server: initdb in a private directory, unix socket only, no TCP.
#   pgtmp.sh start DIR   prints the conninfo (host=DIR/sock ...) on stdout
#   pgtmp.sh restart DIR restarts the server (fast shutdown: sessions are cut), for failure tests
#   pgtmp.sh stop DIR    stops the server and removes DIR
# PostgreSQL refuses to run as root, so as root the server runs as the 'postgres' user.
set -euo pipefail
action=${1:?usage: pgtmp.sh start|restart|stop DIR}
dir=${2:?usage: pgtmp.sh start|restart|stop DIR}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "pgtmp: no PostgreSQL server found (run scripts/deps.sh)" >&2; exit 1; }
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
start)
    mkdir -p "$dir/sock"
    chmod 755 "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        chown -R postgres: "$dir"
        runuser -u postgres -- test -x "$dir" ||
            { echo "pgtmp: user postgres cannot reach $dir; make its parent directories world-searchable (chmod o+x)" >&2; exit 1; }
    fi
    as_owner "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -k $dir/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "host=$dir/sock port=5432 user=postgres dbname=postgres"
    ;;
restart)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 restart >/dev/null ||
        { cat "$dir/server.log" >&2; exit 1; }
    ;;
stop)
    if [ -d "$dir/data" ]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*) echo "usage: pgtmp.sh start|restart|stop DIR" >&2; exit 2 ;;
esac
