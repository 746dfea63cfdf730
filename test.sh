#!/usr/bin/env bash
# Runs every test of the solution. CI calls exactly this (.ci/run) on a fresh machine, so it first installs
# what the tests need and is missing: Node.js and npm (the dashboard build), Debian's chromium and CJK fonts
# (the browser test), PostgreSQL (the storage and cluster tests start private servers of their own on loopback),
# curl and openssl (deploy/local-cluster.sh, which the cluster tests run, waits with curl and makes the silos'
# certificates with openssl), python3 (the Python client example runs in a test).
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" = "0" ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test ComparisonGrid.sln -c Release 2>&1 | tee "$log" || status=$?
# One plain closing line for CI: "tests: N passed, N failed".
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
if [ "${passed:-0}" = "0" ] && [ "$status" = "0" ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
