#!/usr/bin/env bash
# run_case.sh BIN CASE_DIR - runs one adversarial book and checks CASE_DIR/expect.
#
# The case's book/ is copied into a temporary folder (symlinks kept); when the
# case has a gen.sh, it runs there as `bash gen.sh BOOK_DIR` (working folder:
# the one holding BOOK_DIR, so it may also create a sibling outside/ folder)
# to generate big or special inputs (FIFOs, symlinks, huge files). Then
# `BIN build book -f epub,pdf -o out -v` runs under a timeout (ADV_TIMEOUT,
# 60 s): -v prints every warning, none grouped; `BIN check book` runs after it
# with the default output (a file's fourth and later warnings of one kind
# summed up in one line).
#
# expect: the first line is "exit N"; every other non-empty line is one of
#   absent: TEXT       no XHTML file of the EPUB contains TEXT
#   present: TEXT      some XHTML file of the EPUB contains TEXT
#   pdf-present: TEXT  the PDF's text (pdftotext, white space, hyphens and the
#                      code wrap mark removed) contains TEXT
#   pdf-words: W1 W2…  every word, whole and in this order, is in the PDF's text
#                      (other words, such as running heads, may come between)
#   leak: TEXT         TEXT appears nowhere: stderr, stdout, any EPUB entry,
#                      the PDF's text (for file contents read from outside)
#   nodiag: TEXT       no diagnostic line contains TEXT
#   diag-re: REGEX     some stderr line matches the extended regular expression
#   count: N TEXT      exactly N stderr lines contain TEXT
#   check-diag: TEXT   some line of `check`'s stderr (warnings grouped) contains TEXT
#   check-count: N TEXT  exactly N lines of `check`'s stderr contain TEXT
#   max-seconds: N     the build takes at most N seconds (times ADV_TIME_SCALE,
#                      default 1); without this line, at most 10 seconds
#   # comment
#   anything else      a diagnostic: a substring of some stderr line
# Book files containing @PORT@ get the port of a local TCP listener instead;
# any connection to it (a network fetch) fails the case.
#
# Always checked: no crash (signal, exit >= 128, sanitizer report), no hang,
# a peak resident size of the build under ADV_MAX_RSS_MB (1024; measured with
# /usr/bin/time when it is there),
# every stderr line of the form PATH:LINE: error|warning: MESSAGE (besides
# -v's statistics line; in `check`'s output also PATH: warning: and N more
# like "MESSAGE" (-v shows all)), ending with the summary line "N errors, N
# warnings in N files" when there is any diagnostic and only then, nothing
# written outside out/ (the book is unchanged), no temporary file left in
# out/; on exit 0 exactly one .epub and one .pdf, every XML entry of the EPUB
# well-formed (xmllint), the PDF clean for `qpdf --check` when qpdf exists;
# on any other exit an empty (or absent) out/. `BIN check book` must agree
# with the expected exit status (0 or 1) and write nothing.
# Set ADV_EPUBCHECK=1 to also require EPUBCheck to pass on exit 0.
set -uo pipefail
BIN=$(realpath "$1")
CASE=$(realpath "$2")
NAME=$(basename "$CASE")
TIMEOUT=${ADV_TIMEOUT:-60}
MAX_RSS_MB=${ADV_MAX_RSS_MB:-1024}
WORK=$(mktemp -d)
LISTENER_PID=
cleanup() {
  if [ -n "$LISTENER_PID" ]; then kill "$LISTENER_PID" 2>/dev/null; wait "$LISTENER_PID" 2>/dev/null; fi
  chmod -R u+w "$WORK" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
# LeakSanitizer's statistics of suppressions are not diagnostics.
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"
FAILS=0
fail() { echo "FAIL [$NAME]: $*" >&2; FAILS=$((FAILS + 1)); }
note() { echo "note [$NAME]: $*" >&2; }

RUN=$WORK/run   # working folder: book/, out/, outside/
META=$WORK/meta # logs and unpacked outputs, not watched
mkdir -p "$RUN" "$META"
cp -a "$CASE/book" "$RUN/book" || { echo "FAIL [$NAME]: cannot copy the book" >&2; exit 1; }
if [ -f "$CASE/gen.sh" ]; then
  (cd "$RUN" && bash "$CASE/gen.sh" "$RUN/book") || { echo "FAIL [$NAME]: gen.sh failed" >&2; exit 1; }
fi

# A local listener stands for "the network": nothing may connect to it.
if grep -rlq '@PORT@' "$RUN/book" 2>/dev/null; then
  python3 - "$META/port" "$META/connections" <<'EOF' &
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(16)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, a = s.accept()
    with open(sys.argv[2], "a") as f:
        f.write("connection from %s:%d\n" % a)
    c.close()
EOF
  LISTENER_PID=$!
  for _ in $(seq 100); do [ -s "$META/port" ] && break; sleep 0.05; done
  port=$(cat "$META/port")
  grep -rlZ '@PORT@' "$RUN/book" | xargs -0 sed -i "s/@PORT@/$port/g"
fi

snapshot() { (cd "$RUN" && find . -mindepth 1 -path ./out -prune -o -printf '%p %y %s %T@ %l\n' | LC_ALL=C sort); }
snapshot >"$META/before"

want=$(head -1 "$CASE/expect" | sed -n 's/^exit //p')
[ -n "$want" ] || { echo "FAIL [$NAME]: expect has no 'exit N' first line" >&2; exit 1; }

# Runs BIN under the timeout; sets status and secs.
run_bin() {
  local t0 t1
  t0=$(date +%s.%N)
  rm -f "$META/rss"
  if [ -x /usr/bin/time ]; then
    (cd "$RUN" && exec timeout -k 5 "$TIMEOUT" /usr/bin/time -q -f '%M' -o "$META/rss" "$BIN" "$@") \
      >"$META/stdout" 2>"$META/stderr"
  else
    (cd "$RUN" && exec timeout -k 5 "$TIMEOUT" "$BIN" "$@") >"$META/stdout" 2>"$META/stderr"
  fi
  status=$?
  rss_mb=0
  [ -s "$META/rss" ] && rss_mb=$(( $(tail -1 "$META/rss") / 1024 ))
  t1=$(date +%s.%N)
  secs=$(awk "BEGIN{printf \"%.2f\", $t1 - $t0}")
}
crashed() { # $1 = what
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    fail "$1: timed out after ${TIMEOUT}s (hang)"; return 0
  fi
  if [ "$status" -ge 128 ]; then
    fail "$1: crashed (exit $status, signal $((status - 128)))"
    grep -m5 -E '^ *#[0-9]|ERROR|SUMMARY' "$META/stderr" | sed 's/^/    /' >&2
    return 0
  fi
  if grep -qE 'ERROR: (Address|Leak|Undefined|Memory)Sanitizer|runtime error:|SUMMARY: [A-Za-z]*Sanitizer' "$META/stderr"; then
    fail "$1: sanitizer report (exit $status)"
    grep -m1 -E 'ERROR: |runtime error:' "$META/stderr" | sed 's/^/    /' >&2
    grep -m6 -E '^ *#[0-9]' "$META/stderr" | sed 's/^/    /' >&2
    return 0
  fi
  return 1
}

run_bin build book -f epub,pdf -o out -v
build_secs=$secs
[ "$rss_mb" -gt "$MAX_RSS_MB" ] && fail "too much memory: the build peaked at ${rss_mb} MB, the limit is ${MAX_RSS_MB} MB"
if ! grep -q '^max-seconds: ' "$CASE/expect"; then
  t=$(awk -v k="${ADV_TIME_SCALE:-1}" 'BEGIN{print 10 * k}')
  awk -v s="$build_secs" -v t="$t" 'BEGIN{exit !(s > t)}' && fail "too slow: the build took ${build_secs}s, the limit is ${t}s"
fi
cp "$META/stderr" "$META/build.err"
cp "$META/stdout" "$META/build.out"
echo "[$NAME] build: exit $status in ${secs}s, ${rss_mb} MB" >&2
sed 's/^/    | /' "$META/build.err" | head -40 >&2
n_err=$(wc -l <"$META/build.err")
[ "$n_err" -gt 40 ] && echo "    | ... ($n_err lines)" >&2

crashed build || true
[ "$status" -eq "$want" ] || fail "exit status $status, expected $want"

# Diagnostics.
while IFS= read -r line; do
  [ -z "$line" ] && continue
  case "$line" in
  exit\ *|'#'*|absent:*|present:*|pdf-present:*|pdf-words:*|leak:*) ;;
  max-seconds:\ *)
    t=$(awk -v m="${line#max-seconds: }" -v k="${ADV_TIME_SCALE:-1}" 'BEGIN{print m * k}')
    awk -v s="$build_secs" -v t="$t" 'BEGIN{exit !(s > t)}' && fail "too slow: the build took ${build_secs}s, the limit is ${t}s" ;;
  diag-re:\ *)
    t=${line#diag-re: }
    grep -qE -- "$t" "$META/build.err" || fail "no diagnostic matches: $t" ;;
  nodiag:\ *)
    t=${line#nodiag: }
    grep -qF -- "$t" "$META/build.err" && fail "unexpected diagnostic about: $t" ;;
  count:\ *)
    t=${line#count: }
    n=$(grep -cF -- "${t#* }" "$META/build.err")
    [ "$n" -eq "${t%% *}" ] || fail "$n stderr line(s) contain '${t#* }', expected ${t%% *}" ;;
  check-diag:\ *|check-count:\ *) ;;
  *)
    grep -qF -- "$line" "$META/build.err" || fail "missing diagnostic: $line" ;;
  esac
done < <(tail -n +2 "$CASE/expect")
# form_check FILE WHAT EXTRA_RE: every line a PATH:LINE diagnostic or matches
# EXTRA_RE, and the summary line last exactly when there is a diagnostic.
SUMMARY_RE='^[0-9]+ errors?, [0-9]+ warnings? in [0-9]+ files?$'
form_check() {
  local f=$1 what=$2 extra=$3 body n_bad n_diag
  body=$(grep -vE "$SUMMARY_RE" "$f")
  n_bad=$(printf '%s\n' "$body" | grep -vE '^$' | grep -cvE "^.+:[0-9]+: (error|warning): |$extra")
  [ "$n_bad" -gt 0 ] && fail "$what: $n_bad stderr line(s) without the PATH:LINE: error|warning: form, e.g. '$(printf '%s\n' "$body" | grep -vE '^$' | grep -m1 -vE "^.+:[0-9]+: (error|warning): |$extra" | head -c 200)'"
  n_diag=$(grep -cE '^.+:[0-9]+: (error|warning): ' "$f")
  if [ "$n_diag" -gt 0 ]; then
    tail -1 "$f" | grep -qE "$SUMMARY_RE" || fail "$what: stderr does not end with the summary line"
    [ "$(grep -cE "$SUMMARY_RE" "$f")" -eq 1 ] || fail "$what: more than one summary line"
  else
    grep -qE "$SUMMARY_RE" "$f" && fail "$what: a summary line without diagnostics"
  fi
}
form_check "$META/build.err" build '^out: [0-9]+ articles?, '

# Nothing written outside out/, nothing left in out/.
snapshot >"$META/after"
if ! cmp -s "$META/before" "$META/after"; then
  fail "files changed outside the output folder: $(diff "$META/before" "$META/after" | grep '^[<>]' | head -5 | tr '\n' ' ')"
fi
out_files=$( [ -d "$RUN/out" ] && ls -A "$RUN/out" | tr '\n' ' ')
if [ "$status" -eq 0 ]; then
  n_epub=$(find "$RUN/out" -maxdepth 1 -name '*.epub' ! -name '.*' | wc -l)
  n_pdf=$(find "$RUN/out" -maxdepth 1 -name '*.pdf' ! -name '.*' | wc -l)
  n_all=$(ls -A "$RUN/out" 2>/dev/null | wc -l)
  [ "$n_epub" -eq 1 ] && [ "$n_pdf" -eq 1 ] && [ "$n_all" -eq 2 ] ||
    fail "out/ should hold one .epub and one .pdf, holds: $out_files"
elif [ -n "$out_files" ]; then
  fail "output left behind after a failed build: $out_files"
fi

# The outputs (exit 0).
XHTML=$META/xhtml.txt
: >"$XHTML"
if [ "$status" -eq 0 ] && [ -n "$(find "$RUN/out" -maxdepth 1 -name '*.epub' 2>/dev/null)" ]; then
  epub=$(find "$RUN/out" -maxdepth 1 -name '*.epub' | head -1)
  pdf=$(find "$RUN/out" -maxdepth 1 -name '*.pdf' | head -1)
  mkdir -p "$META/epub"
  unzip -qq -o "$epub" -d "$META/epub" 2>"$META/unzip.err" || fail "EPUB does not unzip: $(head -c 200 "$META/unzip.err")"
  [ "$(unzip -Z1 "$epub" 2>/dev/null | head -1)" = mimetype ] || fail "mimetype is not the first EPUB entry"
  while IFS= read -r -d '' f; do
    if ! xmllint --noout --nonet "$f" 2>"$META/xmllint.err"; then
      fail "not well-formed XML: ${f#"$META/epub/"}: $(head -2 "$META/xmllint.err" | tr '\n' ' ' | head -c 300)"
    fi
  done < <(find "$META/epub" -type f \( -name '*.xhtml' -o -name '*.opf' -o -name '*.ncx' -o -name '*.xml' -o -name '*.svg' \) -print0)
  find "$META/epub" -type f -name '*.xhtml' -print0 | sort -z | xargs -0 -r cat >"$XHTML"
  unzip -Z1 "$epub" >"$META/entries" 2>/dev/null
  python3 - "$META/epub" "$META/entries" >"$META/refs.out" 2>&1 <<'EOF' || fail "EPUB references: $(head -3 "$META/refs.out" | tr '\n' ' ' | head -c 400)"
# Container names unique (also after case folding and NFC, as OCF requires);
# ids unique per document; every src/href inside the EPUB resolves to an
# entry (after percent-decoding) and its fragment to an id; no other scheme
# than http, https, mailto, ftp; no character that is not allowed in a URL.
import os, re, sys, unicodedata, urllib.parse
import xml.etree.ElementTree as ET
root, entries = sys.argv[1], open(sys.argv[2], encoding="utf-8", errors="replace").read().split("\n")
entries = [e for e in entries if e]
problems = []
seen = {}
for e in entries:
    k = unicodedata.normalize("NFC", e).casefold()
    if k in seen:
        problems.append("entries %r and %r collide" % (seen[k], e))
    seen[k] = e
for e in entries:
    # OCF file names: no " * : < > ? \\ DEL or C0 controls, not ending in
    # a dot; spaces draw an EPUBCheck warning (PKG-010) and EPUBCheck cannot
    # resolve a '#' in a name even percent-encoded (RSC-007).
    if re.search(r'[\x00-\x1f\x7f"*:<>?#\\\\ ]', e) or e.endswith("."):
        problems.append("entry name %r is not allowed in an EPUB container" % e)
ids = {}
def doc_ids(path):
    if path not in ids:
        try:
            t = ET.parse(os.path.join(root, path))
            ids[path] = [el.get("id") for el in t.iter() if el.get("id") is not None]
        except Exception:
            ids[path] = None
    return ids[path]
XLINK = "{http://www.w3.org/1999/xlink}href"
for e in entries:
    if not e.endswith(".xhtml"):
        continue
    got = doc_ids(e)
    if got is None:
        continue
    dup = sorted({i for i in got if got.count(i) > 1})
    if dup:
        problems.append("%s: duplicate ids %s" % (e, dup[:3]))
    for el in ET.parse(os.path.join(root, e)).iter():
        for attr in ("src", "href", XLINK, "poster", "data"):
            v = el.get(attr)
            if v is None:
                continue
            m = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", v)
            if m:
                if m.group(1).lower() not in ("http", "https", "mailto", "ftp"):
                    problems.append("%s: %s=%r has a forbidden scheme" % (e, attr, v[:60]))
                continue
            if re.search(r'[\s"<>\\^`{|}]', v):
                problems.append("%s: %s=%r is not a valid URL" % (e, attr, v[:60]))
                continue
            path, _, frag = v.partition("#")
            if path:
                target = os.path.normpath(os.path.join(os.path.dirname(e), urllib.parse.unquote(path)))
                if target not in entries:
                    problems.append("%s: %s=%r points at no entry (%s)" % (e, attr, v[:60], target))
                    continue
            else:
                target = e
            if frag and target.endswith(".xhtml"):
                tid = doc_ids(target)
                if tid is not None and urllib.parse.unquote(frag) not in tid:
                    problems.append("%s: %s=%r: no id %r in %s" % (e, attr, v[:60], frag, target))
for p in problems[:20]:
    print(p)
sys.exit(1 if problems else 0)
EOF
  if [ -n "$pdf" ]; then
    pdftotext -q "$pdf" "$META/pdf.txt" 2>/dev/null || fail "pdftotext cannot read the PDF"
    if command -v qpdf >/dev/null; then
      qpdf --check "$pdf" >"$META/qpdf.out" 2>&1 || fail "qpdf --check: $(grep -v '^checking\|^PDF Version\|^File is not\|^No syntax' "$META/qpdf.out" | head -2 | tr '\n' ' ')"
    fi
  fi
  if [ "${ADV_EPUBCHECK:-0}" = 1 ]; then
    java -jar /usr/share/java/epubcheck.jar "$epub" >"$META/epubcheck.out" 2>&1
    grep -q "Messages: 0 fatals / 0 errors / 0 warnings" "$META/epubcheck.out" ||
      fail "EPUBCheck: $(grep -E 'ERROR|WARNING|FATAL' "$META/epubcheck.out" | head -3 | tr '\n' ' ' | head -c 500)"
  fi
fi
[ -f "$META/pdf.txt" ] || : >"$META/pdf.txt"
# PDF text with white space, hyphens, soft hyphens and the wrap mark removed.
python3 - "$META/pdf.txt" "$META/pdf.norm" <<'EOF'
import sys, re
t = open(sys.argv[1], encoding="utf-8", errors="replace").read()
t = re.sub(r"[\s\-\u00ad\u2010\u2011\u21aa]", "", t)
open(sys.argv[2], "w", encoding="utf-8").write(t)
EOF

while IFS= read -r line; do
  case "$line" in
  absent:\ *)
    t=${line#absent: }
    [ "$status" -eq 0 ] && grep -qF -- "$t" "$XHTML" && fail "the EPUB's XHTML contains '$t'" ;;
  present:\ *)
    t=${line#present: }
    [ "$status" -eq 0 ] && ! grep -qF -- "$t" "$XHTML" && fail "the EPUB's XHTML lacks '$t'" ;;
  pdf-present:\ *)
    t=${line#pdf-present: }
    [ "$status" -eq 0 ] && ! grep -qF -- "$t" "$META/pdf.norm" && fail "the PDF's text lacks '$t'" ;;
  pdf-words:\ *)
    t=${line#pdf-words: }
    if [ "$status" -eq 0 ]; then
      missing=$(python3 - "$META/pdf.txt" "$t" <<'EOF'
import sys
words = open(sys.argv[1], encoding="utf-8", errors="replace").read().split()
want = sys.argv[2].split()
i = 0
for w in words:
    if i < len(want) and w == want[i]:
        i += 1
print(want[i] if i < len(want) else "")
EOF
)
      [ -z "$missing" ] || fail "the PDF's text lacks '$missing' (or has it out of order)"
    fi ;;
  leak:\ *)
    t=${line#leak: }
    for f in "$META/build.err" "$META/build.out" "$META/pdf.txt"; do
      grep -qaF -- "$t" "$f" && fail "'$t' (from outside the book) appears in $(basename "$f")"
    done
    [ -d "$META/epub" ] && grep -rqaF -- "$t" "$META/epub" && fail "'$t' (from outside the book) appears in the EPUB" ;;
  esac
done < <(tail -n +2 "$CASE/expect")

# `check` agrees and writes nothing.
if [ "$want" -le 1 ]; then
  run_bin check book
  echo "[$NAME] check: exit $status in ${secs}s" >&2
  sed 's/^/    | /' "$META/stderr" | head -20 >&2
  crashed check || true
  [ "$status" -eq "$want" ] || fail "check exited $status, build is expected to exit $want"
  form_check "$META/stderr" check '^.+: warning: and [0-9]+ more like ".*" \(-v shows all\)$'
  while IFS= read -r line; do
    case "$line" in
    check-diag:\ *)
      t=${line#check-diag: }
      grep -qF -- "$t" "$META/stderr" || fail "check: missing diagnostic: $t" ;;
    check-count:\ *)
      t=${line#check-count: }
      n=$(grep -cF -- "${t#* }" "$META/stderr")
      [ "$n" -eq "${t%% *}" ] || fail "check: $n stderr line(s) contain '${t#* }', expected ${t%% *}" ;;
    esac
  done < <(tail -n +2 "$CASE/expect")
  snapshot >"$META/after2"
  cmp -s "$META/before" "$META/after2" || fail "check changed files"
fi

# The network.
if [ -s "$META/connections" ]; then
  fail "network fetch: $(sort -u "$META/connections" | head -3 | tr '\n' ' ')"
fi

if [ "$FAILS" -gt 0 ]; then
  echo "FAILED: $NAME ($FAILS problem(s))"
  exit 1
fi
echo "ok: $NAME"
