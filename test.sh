#!/usr/bin/env bash
# Runs every test of the solution. CI calls exactly this (.ci/run); later issues add what it must install first.
set -euo pipefail
cd "$(dirname "$0")"
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
