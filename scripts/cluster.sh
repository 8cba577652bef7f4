#!/usr/bin/env bash
# A local Medisettle cluster on loopback: PostgreSQL, silos and a stand-alone gateway.
#
#   scripts/cluster.sh up [N]        PostgreSQL, N silos (default 3) and one stand-alone gateway; waits until ready
#   scripts/cluster.sh add           one more silo
#   scripts/cluster.sh stop I        stops silo I gracefully (SIGTERM: it commits what is queued, hands over its grains)
#   scripts/cluster.sh kill I        kills silo I (SIGKILL)
#   scripts/cluster.sh pause I       freezes silo I (SIGSTOP); `resume I` thaws it (SIGCONT)
#   scripts/cluster.sh status        processes, the membership table and the posting dispatcher's position
#   scripts/cluster.sh down          stops everything and deletes the cluster directory
#
# Silo I serves HTTP on 5081+I (co-hosted gateway), Orleans on 11112+I / 30001+I; the stand-alone gateway on 5070.
# Everything lives in $MEDISETTLE_CLUSTER_DIR (default /tmp/medisettle-cluster): pg/ (database), logs/, silo-I/ (data
# dirs), keys/ (the one Data Protection key ring every process shares), admin-token (one token for the whole cluster).
# Silos start one after another: the first seeds the demo data and its random secrets, the others find them. PostgreSQL refuses to run as root, so it runs as the
# `postgres` user. MEDISETTLE_PERSONS / MEDISETTLE_INSTITUTIONS set the demo size (default 10,000 / 100).
# MEDISETTLE_SILO_CPU=0.5 puts each silo in its own cgroup (v1 `cpu`, as root) limited to that many CPUs, for
# scale-out experiments on a small machine; unset, silos are not limited.
# Silos and the gateway run with DOTNET_TC_CallCountingDelayMs=0 unless the caller's environment sets it (README,
# "Running the silo": a silo added to a busy cluster takes traffic as it starts).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${MEDISETTLE_CLUSTER_DIR:-/tmp/medisettle-cluster}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
pg_port=${MEDISETTLE_PG_PORT:-55432}
cluster_id=${MEDISETTLE_CLUSTER_ID:-local}
persons=${MEDISETTLE_PERSONS:-10000}
institutions=${MEDISETTLE_INSTITUTIONS:-100}
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=medisettle;Maximum Pool Size=40"
dll=$root/Silo/bin/Release/net10.0/Medisettle.Silo.dll

usage() { sed -n '2,16p' "$0" >&2; exit 2; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_c() { as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d medisettle -Atc "$1"; }
token() { cat "$dir/admin-token"; }

wait_ready() { # log file, what
  for _ in $(seq 1 600); do
    if grep -q " ready on " "$1" 2>/dev/null; then return 0; fi
    if grep -q "^medisettle .*: " "$1" 2>/dev/null; then cat "$1" >&2; return 1; fi
    sleep 0.2
  done
  echo "$2 not ready after 120 s; see $1" >&2; return 1
}

start_postgres() {
  mkdir -p "$dir/logs"
  if [ ! -d "$dir/pg" ]; then
    mkdir -p "$dir/pg"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir" "$dir/pg"; chown -R postgres "$dir/logs"; fi
    as_postgres "$pg_bin/initdb" -D "$dir/pg" -U postgres --auth=trust >/dev/null
  fi
  as_postgres "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/logs/postgres.log" -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300" -w start >/dev/null
  as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname='medisettle'" | grep -q 1 \
    || as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres medisettle
}

start_silo() { # index
  local i=$1
  local log=$dir/logs/silo-$i.log
  mkdir -p "$dir/silo-$i"
  MEDISETTLE_ADMIN_TOKEN=$(token) DOTNET_TC_CallCountingDelayMs=${DOTNET_TC_CallCountingDelayMs-0} nohup dotnet "$dll" --storage postgres --connection "$connection" --cluster-id "$cluster_id" \
    --port $((5081 + i)) --silo-port $((11112 + i)) --gateway-port $((30001 + i)) --data-dir "$dir/silo-$i" --keys-dir "$dir/keys" \
    --persons "$persons" --institutions "$institutions" >"$log" 2>&1 &
  echo $! >"$dir/silo-$i.pid"
  limit_cpu "$i" "$(cat "$dir/silo-$i.pid")"
  wait_ready "$log" "silo $i"
  echo "silo $i: pid $(cat "$dir/silo-$i.pid"), http://127.0.0.1:$((5081 + i))"
}

start_gateway() {
  local log=$dir/logs/gateway.log
  MEDISETTLE_ADMIN_TOKEN=$(token) DOTNET_TC_CallCountingDelayMs=${DOTNET_TC_CallCountingDelayMs-0} nohup dotnet "$dll" gateway --storage postgres --connection "$connection" --cluster-id "$cluster_id" \
    --port 5070 --keys-dir "$dir/keys" >"$log" 2>&1 &
  echo $! >"$dir/gateway.pid"
  wait_ready "$log" "gateway"
  echo "gateway: pid $(cat "$dir/gateway.pid"), http://127.0.0.1:5070"
}

limit_cpu() { # index, pid
  [ -n "${MEDISETTLE_SILO_CPU:-}" ] || return 0
  local group=/sys/fs/cgroup/cpu/medisettle-silo-$1
  mkdir -p "$group"
  echo 100000 >"$group/cpu.cfs_period_us"
  awk -v c="$MEDISETTLE_SILO_CPU" 'BEGIN { printf "%d\n", c * 100000 }' >"$group/cpu.cfs_quota_us"
  echo "$2" >"$group/cgroup.procs"
}

pid_of() { cat "$dir/silo-$1.pid" 2>/dev/null || { echo "no silo $1" >&2; exit 1; }; }
next_index() { local i=0; while [ -e "$dir/silo-$i.pid" ]; do i=$((i + 1)); done; echo $i; }

cmd=${1:-}; [ -n "$cmd" ] || usage; shift
case $cmd in
  up)
    n=${1:-3}
    [ ! -e "$dir/gateway.pid" ] || { echo "a cluster is already up in $dir (scripts/cluster.sh down first)" >&2; exit 1; }
    dotnet build -c Release "$root/Silo/Silo.csproj" -nologo -v q >/dev/null
    start_postgres
    [ -s "$dir/admin-token" ] || (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/admin-token")
    for i in $(seq 0 $((n - 1))); do start_silo "$i"; done
    start_gateway
    echo "admin token: $dir/admin-token; demo secrets: $dir/silo-0/demo-credentials.json"
    ;;
  add) start_silo "$(next_index)" ;;
  stop) kill -TERM "$(pid_of "$1")"; echo "silo $1: SIGTERM sent" ;;
  kill) kill -KILL "$(pid_of "$1")"; echo "silo $1: killed" ;;
  pause) kill -STOP "$(pid_of "$1")"; echo "silo $1: paused" ;;
  resume) kill -CONT "$(pid_of "$1")"; echo "silo $1: resumed" ;;
  status)
    for f in "$dir"/silo-*.pid "$dir"/gateway.pid; do
      [ -e "$f" ] || continue
      name=$(basename "$f" .pid); pid=$(cat "$f")
      state=$(ps -o stat= -p "$pid" 2>/dev/null || echo gone)
      echo "$name: pid $pid ($state)"
    done
    echo "membership (cluster $cluster_id):"
    psql_c "SELECT '  ' || address || ':' || port || ' gen ' || generation || ' ' ||
      CASE status WHEN 3 THEN 'Active' WHEN 6 THEN 'Dead' WHEN 4 THEN 'ShuttingDown' WHEN 5 THEN 'Stopping' WHEN 1 THEN 'Created' WHEN 2 THEN 'Joining' ELSE status::text END
      || ', alive ' || to_char(iamalivetime, 'HH24:MI:SS')
      FROM orleansmembershiptable WHERE deploymentid = '$cluster_id' ORDER BY port, generation"
    echo "journal: $(psql_c "SELECT count(*) || ' entries, last sequence ' || coalesce(max(sequence), 0) FROM journal")"
    ;;
  down)
    for f in "$dir"/silo-*.pid "$dir"/gateway.pid; do
      [ -e "$f" ] || continue
      pid=$(cat "$f"); kill -CONT "$pid" 2>/dev/null || true; kill -TERM "$pid" 2>/dev/null || true
    done
    sleep 3
    for f in "$dir"/silo-*.pid "$dir"/gateway.pid; do [ -e "$f" ] && kill -KILL "$(cat "$f")" 2>/dev/null || true; done
    [ -d "$dir/pg" ] && as_postgres "$pg_bin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null 2>&1 || true
    for group in /sys/fs/cgroup/cpu/medisettle-silo-*; do [ -d "$group" ] && rmdir "$group" 2>/dev/null || true; done
    rm -rf "$dir"
    echo "cluster down"
    ;;
  *) usage ;;
esac
