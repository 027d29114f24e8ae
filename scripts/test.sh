#!/usr/bin/env bash
# Runs every check and test; ends with a plain `N passed, N failed` line.
# Assumes ./oneclick has put Deno on PATH.
set -uo pipefail
export NO_COLOR=1   # plain summary line to parse
cd "$(dirname "$0")/.."
log=$(mktemp)
status=0
deno fmt --check >/dev/null 2>&1 || { echo "deno fmt --check: files need formatting (run deno fmt)"; status=1; }
deno lint --quiet || status=1
deno check --quiet src/ tests/ bench/ || status=1
deno check --doc --quiet src/ || status=1
deno test -A --quiet tests/ "$@" 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
# Deno's summary: "ok | 12 passed (3 steps) | 0 failed (1s)".
summary=$(grep -E '^(ok|FAILED) \| [0-9]+ passed' "$log" | tail -1)
passed=$(sed -E 's/.*\| ([0-9]+) passed.*/\1/' <<<"$summary")
failed=$(sed -E 's/.*\| ([0-9]+) failed.*/\1/' <<<"$summary")
rm -f "$log"
[ -n "$summary" ] || { passed=0; failed=1; status=1; echo "no test summary found"; }
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1   # a failed check counts as a failure
echo "${passed} passed, ${failed} failed"
exit "$status"
