#!/usr/bin/env bash
# Silo CPU per swipe over HTTP: starts the silo build SILO_DLL on DATA_DIR (demo data, 10,000 persons, 500
# institutions; created on first use), warms it with 15 s of LoadTest http at RATE, then runs 20 s more after the
# load tool's own warm-up (its default, 10 s: a new load-tool process is cold, and its first seconds would count its
# JIT, tiered as the silo's, and its connection set-up as latency) and prints LoadTest's line on the silo (CPU per completed swipe and GC pause, from the silo's
# /metrics during the measured run) and its summary row (offered, completed, errors, elapsed, swipes/s, durable
# settlements/s, p50 … max).
# Compare two builds on the same data by alternating them (A B A B): the data grows with each run.
#
#   scripts/swipe-cpu.sh Silo/bin/Release/net10.0/Medisettle.Silo.dll /tmp/swipe-cpu 1000 21 [more silo options]
#
# The silo runs with DOTNET_TC_CallCountingDelayMs=0 unless the caller's environment sets it (README, "Running the silo").
# LOAD_INSTITUTIONS=N sends the load to the first N demo institutions only (default 500: all), e.g. to see a few
# busy institutions.
# Needs Release builds of the silo and of LoadTest (dotnet build Silo -c Release; dotnet build LoadTest -c Release).
# Traffic stays on loopback and stops by itself.
set -euo pipefail
silo_dll=$1; data_dir=$2; rate=${3:-1000}; seed=${4:-21}; shift $(( $# < 4 ? $# : 4 ))
load_institutions=${LOAD_INSTITUTIONS:-500}
root=$(cd "$(dirname "$0")/.." && pwd)
port=5391
log=$(mktemp)
DOTNET_TC_CallCountingDelayMs=${DOTNET_TC_CallCountingDelayMs-0} dotnet "$silo_dll" --data-dir "$data_dir" --port "$port" --persons 10000 --institutions 500 "$@" > "$log" 2>&1 &
silo=$!
trap 'kill $silo 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 120); do grep -q "silo ready" "$log" && break; kill -0 $silo 2>/dev/null || { cat "$log"; exit 1; }; sleep 1; done
load() {
  dotnet "$root/LoadTest/bin/Release/net10.0/Medisettle.LoadTest.dll" http --url "http://127.0.0.1:$port" \
    --admin-token "$(cat "$data_dir/admin-token")" --credentials "$data_dir/demo-credentials.json" \
    --persons 10000 --institutions "$load_institutions" --connections 256 --rate "$rate" "$@"
}
load --duration 15 --warmup 0 --seed 99 --out "$data_dir/../swipe-cpu-warm" > /dev/null
report=$(load --duration 20 --seed "$seed" --out "$data_dir/../swipe-cpu-run")
echo "$report" | grep '^The silo (its /metrics' || echo "the silo's /metrics could not be read"
echo "$report" | grep -A2 '| Offered' | tail -1
