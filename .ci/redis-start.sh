#!/usr/bin/env bash
# A throwaway Redis on 127.0.0.1:$REDIS_PORT (no persistence), for the cluster tests (PARLEY_TEST_REDIS).
# Usage: redis-start.sh   Stop: redis-start.sh --stop
set -euo pipefail
REDIS_PORT="${REDIS_PORT:-56379}"
if [ "${1:-}" = "--stop" ]; then redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; exit 0; fi
if ! command -v redis-server >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >/dev/null
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && exit 0; sleep 0.1; done
echo "redis did not start on $REDIS_PORT" >&2; exit 1
