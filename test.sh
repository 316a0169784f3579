#!/usr/bin/env bash
# Runs every test project of the solution and ends with one line: "N passed, N failed".
# Restores NuGet packages and applies the native fixes the tests need (both happen inside the build).
set -uo pipefail
cd "$(dirname "$0")"
results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet test GradCheck.slnx --configuration Release --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; total=0
shopt -s nullglob
for trx in "$results"/*.trx "$results"/*/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); total=$((total + ${t:-0}))
done
# Tests that were discovered but neither passed nor failed (a crashed host) count as failed.
notrun=$((total - passed - failed))
if [ "$notrun" -gt 0 ]; then failed=$((failed + notrun)); fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a build or host failure is a failure
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
