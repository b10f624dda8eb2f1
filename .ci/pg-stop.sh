#!/usr/bin/env bash
# Stops the throwaway PostgreSQL server of .ci/pg-start.sh and removes its data. Safe to run when it is not running.
set -uo pipefail
PGPORT="${PGPORT:-55432}"; PGROOT="${PGROOT:-/tmp/pg-$PGPORT}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
AS="runuser -u postgres --"; [ "$(id -un)" = postgres ] && AS=""
if [ -n "$PGBIN" ] && [ -f "$PGROOT/data/postmaster.pid" ]; then
  $AS "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast stop >/dev/null || true
fi
rm -rf "$PGROOT"
