#!/usr/bin/env bash
# A throwaway PostgreSQL on 127.0.0.1:$PGPORT (default 55432) with trust auth, for the cluster tests (PARLEY_TEST_PG).
# Usage: pg-start.sh [db ...]   Stop: pg-start.sh --stop
set -euo pipefail
PGPORT="${PGPORT:-55432}"; PGROOT="${PGROOT:-/tmp/pg-$PGPORT}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
stop() { [ -f "$PGROOT/data/postmaster.pid" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -m immediate stop >/dev/null 2>&1 || true; }
if [ "${1:-}" = "--stop" ]; then stop; rm -rf "$PGROOT"; exit 0; fi
stop
rm -rf "$PGROOT"; mkdir -p "$PGROOT"; chown postgres:postgres "$PGROOT"   # log and socket must be postgres-writable
runuser -u postgres -- "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w \
  -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
for db in "$@"; do psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -c "create database \"$db\""; done
