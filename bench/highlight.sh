#!/usr/bin/env bash
# bench/highlight.sh [BIN] [BOOK] [RUNS] - what syntax highlighting costs: the
# median wall time of RUNS builds (EPUB + PDF) of BOOK as it is and of a copy
# with `code-highlight: false` in its book.yml, and the ratio. BOOK defaults
# to the real programming book realbooks/rust-book when it is there
# (tests/realbooks/prepare.sh), else book/. Not part of the test suite.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/autochitect}
book=${2:-}
runs=${3:-5}
if [ -z "$book" ]; then
	book=$root/book
	[ -d "$root/realbooks/rust-book" ] && book=$root/realbooks/rust-book
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$book" "$work/plain"
printf '\ncode-highlight: false\n' >>"$work/plain/book.yml"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # BOOK -> median seconds
	for _ in $(seq "$runs"); do
		/usr/bin/time -f %e "$bin" build "$1" -o "$work/out" -q 2>&1 >/dev/null | tail -n1
	done | median
}
blocks=$(grep -rh '^ *```[A-Za-z]' "$book" --include=*.md | wc -l)
on=$(measure "$book")
off=$(measure "$work/plain")
echo "book: $book (about $blocks fenced blocks with a language)"
echo "EPUB + PDF, median of $runs: highlighted ${on} s, plain ${off} s, ratio $(echo "scale=3; $on / $off" | bc)"
