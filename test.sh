#!/usr/bin/env bash
# Runs every test project in the solution and prints one closing line "N passed, N failed".
# Tests that need PostgreSQL start their own server (temp dir, loopback port) and stop it.
set -uo pipefail
cd "$(dirname "$0")"
log=$(mktemp)
dotnet test Cluster.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "no test ran"; exit 1; fi
