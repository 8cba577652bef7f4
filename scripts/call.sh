#!/usr/bin/env bash
# Sends one signed national-platform transaction to a running silo (see README "A swipe end to end").
#
#   scripts/call.sh <infno> <input-json-file-or-inline> [--institution CODE] [--msgid ID] [--region ADMDVS] [--data-dir DIR]
#
# Builds the envelope (msgid = fixmedins_code + yyyyMMddHHmmss + 4 digits, times at +08:00), signs the exact
# body bytes with openssl as docs/gateway.md describes, using the institution's secret from
# <data-dir>/demo-credentials.json (default data/, the silo writes it on start), and POSTs it with curl.
# The institution defaults to the demo pharmacy. Prints the msgid used on stderr (pass it back with --msgid to
# retry the same message).
set -euo pipefail

usage() { sed -n '2,10p' "$0" >&2; exit 2; }
[ $# -ge 2 ] || usage
infno=$1; input=$2; shift 2
data_dir=${MEDISETTLE_DATA_DIR:-data}; inst=""; msgid=""; region=990001
while [ $# -gt 0 ]; do
  case $1 in
    --institution) inst=$2; shift 2 ;;
    --msgid) msgid=$2; shift 2 ;;
    --region) region=$2; shift 2 ;;
    --data-dir) data_dir=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; usage ;;
  esac
done

creds=$data_dir/demo-credentials.json
[ -r "$creds" ] || { echo "$creds not found: start the silo first (dotnet run --project Silo)" >&2; exit 1; }
field() { sed -n "s/^ *\"$1\": \"\\([^\"]*\\)\".*/\\1/p" "$creds" | head -n 1; }
[ -n "$inst" ] || inst=$(field pharmacy)
secret=$(field "$inst")
[ -n "$secret" ] || { echo "no secret for institution $inst in $creds" >&2; exit 1; }
gateway=$(field gateway)

if [ -f "$input" ]; then input=$(cat "$input"); fi
now=$(TZ=UTC-8 date '+%Y%m%d%H%M%S')
[ -n "$msgid" ] || msgid=$(printf '%s%s%04d' "$inst" "$now" $((RANDOM % 10000)))
inf_time=$(TZ=UTC-8 date '+%Y-%m-%d %H:%M:%S')
body=$(printf '{"infno":"%s","msgid":"%s","mdtrtarea_admvs":"990001","insuplc_admdvs":"%s","recer_sys_code":"FSI_LOCAL","infver":"V1.0","opter_type":"1","opter":"001","opter_name":"scripts/call.sh","inf_time":"%s","fixmedins_code":"%s","fixmedins_name":"%s","input":%s}' \
  "$infno" "$msgid" "$region" "$inf_time" "$inst" "$inst" "$input")

ts=$(date +%s%3N)
hash=$(printf %s "$body" | openssl dgst -sha256 -hex | sed 's/^.* //')
sig=$(printf 'MEDISETTLE-HMAC-SHA256\n%s\n%s\n%s' "$ts" "$inst" "$hash" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.* //')
echo "msgid=$msgid" >&2
printf %s "$body" | curl -sS "$gateway/fsi/api/transactions" -H 'Content-Type: application/json' \
  -H "X-Medisettle-Institution: $inst" -H "X-Medisettle-Timestamp: $ts" -H "X-Medisettle-Signature: $sig" \
  --data-binary @-
echo
