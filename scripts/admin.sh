#!/usr/bin/env bash
# Calls the admin API of a running silo:  scripts/admin.sh METHOD PATH [json]
#   e.g. scripts/admin.sh GET /persons/99000100000000
#        scripts/admin.sh POST /institutions/P99000100000/designation '{"status":"Suspended","reason":"audit"}'
# The bearer token is MEDISETTLE_ADMIN_TOKEN, else adminToken from <data-dir>/demo-credentials.json
# (MEDISETTLE_DATA_DIR, default data/). PATH is below /admin/v1. A json argument naming a file sends the file.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,6p' "$0" >&2; exit 2; }
method=$1; path=$2; json=${3:-}
creds=${MEDISETTLE_DATA_DIR:-data}/demo-credentials.json
[ -r "$creds" ] || { echo "$creds not found: start the silo first (dotnet run --project Silo)" >&2; exit 1; }
field() { sed -n "s/^ *\"$1\": \"\\([^\"]*\\)\".*/\\1/p" "$creds" | head -n 1; }
token=${MEDISETTLE_ADMIN_TOKEN:-$(field adminToken)}
gateway=$(field gateway)
args=(-sS -X "$method" "$gateway/admin/v1$path" -H "Authorization: Bearer $token")
if [ -n "$json" ]; then
  if [ -f "$json" ]; then args+=(-H 'Content-Type: application/json' --data-binary "@$json")
  else args+=(-H 'Content-Type: application/json' --data-binary "$json"); fi
fi
curl "${args[@]}"
echo
