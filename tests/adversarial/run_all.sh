#!/usr/bin/env bash
# run_all.sh BIN [CASE...] - runs every adversarial case (or the named ones)
# and prints a summary; the full log of each case goes to $ADV_LOG_DIR
# (default: a temporary folder, printed at the end).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
BIN=$1
shift
logs=${ADV_LOG_DIR:-$(mktemp -d)}
mkdir -p "$logs"
if [ $# -gt 0 ]; then cases=("$@"); else
  cases=()
  for d in "$here"/*/; do [ -f "$d/expect" ] && cases+=("$(basename "$d")"); done
fi
pass=0 failed=()
for c in "${cases[@]}"; do
  start=$(date +%s.%N)
  if bash "$here/run_case.sh" "$BIN" "$here/$c" >"$logs/$c.log" 2>&1; then
    pass=$((pass + 1)); r=ok
  else
    failed+=("$c"); r=FAIL
  fi
  printf '%-28s %-4s %6.1fs\n' "$c" "$r" "$(echo "$(date +%s.%N) - $start" | bc)"
done
echo "passed $pass of ${#cases[@]}; logs in $logs"
[ ${#failed[@]} -eq 0 ] || { echo "failed: ${failed[*]}"; exit 1; }
