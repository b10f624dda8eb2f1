#!/usr/bin/env bash
# A throwaway PostgreSQL server for the web app's tests: 127.0.0.1:$PGPORT (default 55432), trust authentication,
# data under $PGROOT (default /tmp/pg-$PGPORT), recreated on every start. Installs PostgreSQL from Debian if missing.
# Usage: .ci/pg-start.sh [database ...]; then PARLEY_TEST_PG="Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres".
# Stop it with .ci/pg-stop.sh. Never touches a default cluster on 5432.
set -euo pipefail
PGPORT="${PGPORT:-55432}"; PGROOT="${PGROOT:-/tmp/pg-$PGPORT}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
AS="runuser -u postgres --"; [ "$(id -un)" = postgres ] && AS=""
[ -f "$PGROOT/data/postmaster.pid" ] && $AS "$PGBIN/pg_ctl" -D "$PGROOT/data" -m immediate stop >/dev/null 2>&1 || true
rm -rf "$PGROOT"; mkdir -p "$PGROOT"; chown postgres:postgres "$PGROOT"   # the log and the socket must be writable by postgres
$AS "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
$AS "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w \
  -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
for db in "$@"; do "$PGBIN/psql" -q -h 127.0.0.1 -p "$PGPORT" -U postgres -c "create database \"$db\""; done
echo "PostgreSQL on 127.0.0.1:$PGPORT (data $PGROOT)"
