# lib.sh - shared helpers for the integration tests (sourced).
set -euo pipefail
BIN=$(realpath "$1")
WORK=$(mktemp -d)
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }
