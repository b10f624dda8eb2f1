#!/usr/bin/env bash
# Measures `analyze --cluster` against a local run: starts W workers (localhost clustering on free ports), runs the
# same analysis locally and on the cluster, checks the JSON is byte-identical, and prints the wall times and the
# client's batch totals (time on workers vs round trips = the per-batch overhead).
# Usage: [BATCH_SIZE=N] tools/cluster-throughput.sh PARLEY_DLL WORKERS [analyze args...]
#   e.g. tools/cluster-throughput.sh src/Parley.Cli/bin/Release/net10.0/parley.dll 2 --model eum --draws 600
set -euo pipefail
DLL="$1"; WORKERS="$2"; shift 2
ARGS=(analyze --seed 7 --json "$@")
OUT="$(mktemp -d)"; PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$OUT"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
CLUSTER="localhost:$(free_port):$(free_port)"
for i in $(seq "$WORKERS"); do
  dotnet "$DLL" worker --cluster "$CLUSTER" > "$OUT/w$i.out" 2> "$OUT/w$i.err" & PIDS+=($!)
  for _ in $(seq 120); do grep -q ready "$OUT/w$i.out" && break; sleep 0.5; done
  grep -q ready "$OUT/w$i.out" || { echo "worker $i did not start"; cat "$OUT/w$i.err"; exit 1; }
done
start=$(date +%s.%N); dotnet "$DLL" "${ARGS[@]}" > "$OUT/local.json"; t_local=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N); dotnet "$DLL" "${ARGS[@]}" --cluster "$CLUSTER" ${BATCH_SIZE:+--batch-size "$BATCH_SIZE"} > "$OUT/cluster.json" 2> "$OUT/cluster.err"
t_cluster=$(echo "$(date +%s.%N) - $start" | bc)
cmp -s "$OUT/local.json" "$OUT/cluster.json" && same="byte-identical" || same="DIFFERENT"
echo "workers=$WORKERS local=${t_local}s cluster=${t_cluster}s json=$same"
grep -E "connected|batches \(" "$OUT/cluster.err"
