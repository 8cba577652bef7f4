#!/usr/bin/env bash
# Where a running .NET process's CPU goes: samples it with perf (on-CPU only, 499 Hz, call stacks) for SECONDS and
# prints each component's share (scripts/cpu-where.py). Start the process with
#
#   DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0
#
# so that JIT-compiled and framework code have names in perf's view (these settings cost the process some speed:
# read the shares, not its rate). MICROSECONDS, when given, is the process's CPU per unit of work measured without
# perf (scripts/swipe-cpu.sh, or /proc around an in-process run); each share is then also printed in µs.
#
#   scripts/cpu-profile.sh PID 10 [MICROSECONDS]
#
# Needs perf (Debian: linux-perf) and python3; keeps perf.data in a temp directory it prints.
set -euo pipefail
pid=$1; seconds=${2:-10}; scale=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
command -v perf > /dev/null || { echo "perf is not installed (Debian: apt-get install linux-perf)" >&2; exit 1; }
out=$(mktemp -d)
perf record -F 499 -g -p "$pid" -o "$out/perf.data" -- sleep "$seconds" > "$out/record.log" 2>&1
echo "perf data: $out/perf.data"
perf script -i "$out/perf.data" 2> /dev/null | python3 "$here/cpu-where.py" $scale
