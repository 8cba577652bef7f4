#!/usr/bin/env bash
# Recovery after a crash: starts the silo build SILO_DLL on a new DATA_DIR (demo data, 10,000 persons, 500
# institutions), sends 30 s of LoadTest http at 1,000 swipes/s, stops the silo with SIGNAL (KILL: a crash, no
# deactivation checkpoints; TERM: a graceful stop), starts it again on the same data, sends 20 s more, and prints
# how long each start took, both runs' summary rows, the silo's person-replay metrics after the second run
# (medisettle_person_replayed_total: journal entries applied again after a checkpoint; the
# medisettle_person_replay_duration_seconds histogram: each person's read and replay of its stream), and, after a
# graceful stop, the bytes the data directory takes per durable settlement (LoadTest disk; run it again on DATA_DIR
# for the rows by kind) and, with TERM, what the second run added to it per durable settlement (disk --since a copy
# taken at the first stop, kept as DATA_DIR.first.db: the growth once the persons, institutions and replay-window
# slots exist).
#
#   scripts/crash-recovery.sh Silo/bin/Release/net10.0/Medisettle.Silo.dll /tmp/crash/data KILL
#
# The silo runs with DOTNET_TC_CallCountingDelayMs=0 unless the caller's environment sets it (README, "Running the silo").
# PERSONS=N gives the demo data and the load N persons instead of 10,000 (fewer swipes per person: fewer control-rule flags).
# Needs Release builds of the silo and of LoadTest. Traffic stays on loopback and stops by itself.
set -euo pipefail
silo_dll=$1; data_dir=$2; signal=${3:-KILL}
persons=${PERSONS:-10000}
root=$(cd "$(dirname "$0")/.." && pwd)
port=5392
work=$(mktemp -d)
silo=0
# At the end the silo is stopped gracefully and waited for (60 s at most, then killed), so the data directory is
# complete, its last checkpoints written, when the script returns: measure it then.
# (silo=0: none running; "kill 0" would signal the whole process group).
trap 'if [ "$silo" -gt 0 ]; then kill $silo 2>/dev/null || true; for _ in $(seq 1 300); do kill -0 $silo 2>/dev/null || break; sleep 0.2; done; kill -9 $silo 2>/dev/null || true; fi; rm -rf "$work"' EXIT
if [ -e "$data_dir" ] || [ -e "${data_dir%/}.first.db" ]; then echo "$data_dir or ${data_dir%/}.first.db exists; give a new directory" >&2; exit 1; fi

start() {
  local started
  started=$(date +%s.%N)
  DOTNET_TC_CallCountingDelayMs=${DOTNET_TC_CallCountingDelayMs-0} dotnet "$silo_dll" --data-dir "$data_dir" --port "$port" --silo-port 11112 --gateway-port 30002 \
    --persons "$persons" --institutions 500 > "$work/silo-$1.log" 2>&1 &
  silo=$!
  for _ in $(seq 1 600); do grep -q "silo ready" "$work/silo-$1.log" && break; kill -0 $silo 2>/dev/null || { cat "$work/silo-$1.log"; exit 1; }; sleep 0.1; done
  echo "start $1: ready after $(echo "$(date +%s.%N) - $started" | bc) s"
}

load() {
  dotnet "$root/LoadTest/bin/Release/net10.0/Medisettle.LoadTest.dll" http --url "http://127.0.0.1:$port" \
    --admin-token "$(cat "$data_dir/admin-token")" --credentials "$data_dir/demo-credentials.json" \
    --persons "$persons" --institutions 500 --connections 256 --rate 1000 --duration "$1" --warmup 0 --seed "$2" \
    --out "$work/load-$2" > /dev/null
  grep -A2 '| Offered' "$work/load-$2"/*.md | tail -1
}

start 1
load 30 11
kill -s "$signal" $silo
while kill -0 $silo 2>/dev/null; do sleep 0.2; done
echo "stopped with SIG$signal"
# After a graceful stop the file is complete: keep a copy beside DATA_DIR (DATA_DIR.first.db), to measure what the
# second run adds per settlement.
first=${data_dir%/}.first.db
if [ "$signal" = TERM ]; then
  cp "$data_dir/silo.db" "$first"
  if [ -s "$data_dir/silo.db-wal" ]; then cp "$data_dir/silo.db-wal" "$first-wal"; fi
fi
start 2
load 20 12
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^medisettle_person_replay' || true
# A graceful stop, then the bytes the data directory takes per durable settlement (LoadTest disk).
kill -TERM $silo
while kill -0 $silo 2>/dev/null; do sleep 0.2; done
silo=0
since=(); lines=3; if [ "$signal" = TERM ]; then since=(--since "$first"); lines=4; fi
dotnet "$root/LoadTest/bin/Release/net10.0/Medisettle.LoadTest.dll" disk --db "$data_dir/silo.db" "${since[@]}" | head -"$lines"
