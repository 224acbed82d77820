#!/usr/bin/env bash
# run.sh BUILD_DIR [SECONDS] - runs every libFuzzer harness for SECONDS (60)
# from seed corpora built out of the repository's fixtures. Exits non-zero
# when any fuzzer finds something (crash, leak, timeout, out of memory) and
# prints the reproducer's path.
#
#   FUZZERS="fuzz_markdown"   run only these (default: all three)
#   FUZZ_ARGS="-jobs=2"       extra libFuzzer flags
#
# Reproduce a finding with: BUILD_DIR/fuzz_NAME PATH (same LSAN_OPTIONS).
set -u

if [ $# -lt 1 ]; then
	echo "usage: $0 BUILD_DIR [SECONDS]" >&2
	exit 2
fi
build=$(cd "$1" && pwd) || exit 2
secs=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fuzzers=${FUZZERS:-fuzz_frontmatter fuzz_markdown fuzz_layout}

work=$(mktemp -d "${TMPDIR:-/tmp}/ac-fuzz-run.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
# The harnesses make their scratch book folders under TMPDIR: a crash that
# skips their atexit cleanup leaves nothing behind outside $work.
mkdir -p "$work/tmp"
export TMPDIR="$work/tmp"
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=0:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# Seeds: whole article files for the front matter; bodies (front matter cut
# off) for the Markdown and layout harnesses.
shopt -s nullglob
articles=("$root"/tests/fixtures/*/articles/*.md "$root"/tests/errors/*/book/articles/*.md
	  "$root"/book/articles/*.md)
mkdir -p "$work/seeds/whole" "$work/seeds/body"
i=0
for f in "${articles[@]}"; do
	i=$((i + 1))
	name=$(printf '%03d-%s' "$i" "$(basename "$f")")
	cp "$f" "$work/seeds/whole/$name"
	awk 'NR == 1 && $0 != "---" { body = 1 }
	     body { print; next }
	     NR > 1 && ($0 == "---" || $0 == "...") { body = 1 }' "$f" >"$work/seeds/body/$name"
done
# The fuzzed bytes need somewhere to start when a directory is empty.
printf '%s' '---
title: T
date: 2026-01-01
---
' >"$work/seeds/whole/000-minimal.md"
printf 'Text.\n' >"$work/seeds/body/000-minimal.md"
# Code blocks for the highlighter: each language's snippet in its fence.
for f in "$root"/tests/highlight/*; do
	case $f in *.tokens) continue ;; esac
	name="hl-$(basename "$f").md"
	{ printf '```%s\n' "${f##*.}"; cat "$f"; printf '```\n'; } >"$work/seeds/body/$name"
done

findings="$build/fuzz-findings"
status=0
for fz in $fuzzers; do
	bin="$build/$fz"
	if [ ! -x "$bin" ]; then
		echo "run.sh: $bin is missing: build the fuzzers first" >&2
		status=2
		continue
	fi
	case $fz in
	fuzz_frontmatter) seeds="$work/seeds/whole" ;;
	*) seeds="$work/seeds/body" ;;
	esac
	# A layout run lays out and draws a whole (small) book, ~10 ms even for a
	# tiny input: small inputs, more runs.
	maxlen=65536
	[ "$fz" = fuzz_layout ] && maxlen=4096
	corpus="$work/corpus/$fz"
	mkdir -p "$corpus" "$findings/$fz"
	dict=()
	case $fz in
	fuzz_frontmatter) dict=("-dict=$here/frontmatter.dict") ;;
	*) dict=("-dict=$here/markdown.dict") ;;
	esac
	before=$(ls -A "$findings/$fz" | wc -l)
	log="$work/$fz.log"
	echo "== $fz: ${secs}s"
	# New inputs go to the first directory (scratch); the seeds stay as they are.
	"$bin" "$corpus" "$seeds" "${dict[@]}" \
		-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="$maxlen" \
		-artifact_prefix="$findings/$fz/" -print_final_stats=1 ${FUZZ_ARGS:-} \
		>"$log" 2>&1
	rc=$?
	grep -E '^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb|new_units_added)' "$log" | sed 's/^/   /'
	after=$(ls -A "$findings/$fz" | wc -l)
	if [ "$rc" -ne 0 ] || [ "$after" -gt "$before" ]; then
		status=1
		echo "!! $fz: finding (exit status $rc); the log says:"
		grep -E 'ERROR: |SUMMARY: |runtime error: |ac_fuzz: |^ +#[0-9]+ 0x' "$log" | head -40 | sed 's/^/   /'
		for a in $(grep -oE "Test unit written to [^ ]+" "$log" | awk '{print $5}'); do
			echo "   reproducer: $a"
			echo "   reproduce:  LSAN_OPTIONS=suppressions=$root/tests/lsan.supp $bin $a"
		done
		cp "$log" "$findings/$fz/last.log"
		echo "   full log:   $findings/$fz/last.log"
	fi
done
exit "$status"
