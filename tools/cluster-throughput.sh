#!/usr/bin/env bash
# Measures `analyze --cluster` (or `backtest --cluster`) against a local run: starts W workers (localhost clustering on
# free ports), runs the same command locally and on the cluster, checks the JSON is byte-identical, and prints the wall
# times, the client's batch totals (time on workers vs round trips = the per-batch overhead) and the same per work kind.
# Usage: [BATCH_SIZE=N] [COMMAND=analyze|backtest] tools/cluster-throughput.sh PARLEY_DLL WORKERS [command args...]
#   e.g. tools/cluster-throughput.sh src/Parley.Cli/bin/Release/net10.0/parley.dll 2 --model eum --draws 600
#        COMMAND=backtest BATCH_SIZE=1 tools/cluster-throughput.sh src/Parley.Cli/bin/Release/net10.0/parley.dll 1 data/cases
set -euo pipefail
DLL="$1"; WORKERS="$2"; shift 2
ARGS=("${COMMAND:-analyze}" --seed 7 --json "$@")
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
# per work kind: batches, time on workers, round trips, overhead per batch (round trip − time on the worker)
grep -E ' batch [0-9]+ \[[0-9]+, [0-9]+\) on .*round trip' "$OUT/cluster.err" \
  | sed -E 's/.*cluster: ([A-Za-z]+) #[0-9]+ batch .*: ([0-9.]+) s \(round trip ([0-9.]+) s\).*/\1 \2 \3/' \
  | awk '{n[$1]++; w[$1]+=$2; r[$1]+=$3} END {for (k in n) printf "%s: %d batches, %.3f s on workers, %.3f s round trips, %.1f ms overhead per batch\n", k, n[k], w[k], r[k], 1000*(r[k]-w[k])/n[k]}'
