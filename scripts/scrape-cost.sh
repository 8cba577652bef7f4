#!/usr/bin/env bash
# The silo's CPU for one scrape of /metrics, at a given number of activations: starts the silo build SILO_DLL on a new
# DATA_DIR with PERSONS demo persons (default 100,000; seeding enrols each, so each stays in memory as an activation),
# waits 15 s, then reads the silo's CPU (/proc/PID/stat, user + system) over 10 s without scrapes and over SCRAPES
# scrapes in a row (default 50), and prints the CPU a scrape takes (the scrapes' CPU less the idle rate over their
# time), the scrape's wall time, its size, and the silo's activations as /metrics counts them.
#
#   scripts/scrape-cost.sh Silo/bin/Release/net10.0/Medisettle.Silo.dll /tmp/scrape/data [more silo options]
#
# Compare two builds by alternating them (A B A B), each on a new directory. Pass --dashboard off to leave out the
# Orleans Dashboard's own reader, which reads Orleans' gauges once a second whatever /metrics does.
# Needs a Release build of the silo. Traffic stays on loopback and stops by itself.
set -euo pipefail
silo_dll=$1; data_dir=$2; shift 2
persons=${PERSONS:-100000}; scrapes=${SCRAPES:-50}
port=5393
rm -rf "$data_dir"; mkdir -p "$(dirname "$data_dir")"
log=$(mktemp)
dotnet "$silo_dll" --data-dir "$data_dir" --port "$port" --silo-port 11113 --gateway-port 30003 --persons "$persons" --institutions 500 "$@" > "$log" 2>&1 &
silo=$!
trap 'kill $silo 2>/dev/null || true; wait $silo 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 300); do grep -q "silo ready" "$log" && break; kill -0 $silo 2>/dev/null || { cat "$log"; exit 1; }; sleep 1; done
grep -q "silo ready" "$log" || { echo "the silo did not start within 300 s"; cat "$log"; exit 1; }
sleep 15
ticks() { awk '{print $14 + $15}' "/proc/$silo/stat"; }
hz=$(getconf CLK_TCK)
now() { date +%s.%N; }
t0=$(ticks); s0=$(now); sleep 10; t1=$(ticks); s1=$(now)
idle=$(echo "($t1 - $t0) / $hz / ($s1 - $s0)" | bc -l)
url="http://127.0.0.1:$port/metrics"
curl -sf -o "$data_dir.metrics.txt" "$url"
t0=$(ticks); s0=$(now)
for _ in $(seq 1 "$scrapes"); do curl -sf -o /dev/null "$url"; done
t1=$(ticks); s1=$(now)
busy=$(echo "($t1 - $t0) / $hz" | bc -l); wall=$(echo "$s1 - $s0" | bc -l)
activations=$(grep '^orleans_catalog_activations{' "$data_dir.metrics.txt" | awk '{sum += $NF} END {print sum}')
printf 'activations %s; idle %.1f ms of CPU a second; a scrape: %.1f ms of CPU, %.1f ms wall, %s bytes (%s scrapes)\n' \
  "$activations" "$(echo "$idle * 1000" | bc -l)" "$(echo "($busy - $idle * $wall) * 1000 / $scrapes" | bc -l)" \
  "$(echo "$wall * 1000 / $scrapes" | bc -l)" "$(wc -c < "$data_dir.metrics.txt")" "$scrapes"
