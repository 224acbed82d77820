#!/usr/bin/env bash
# Builds every prepared real book with autochitect and checks what comes out.
#
# usage: tests/realbooks/check.sh BIN [NAME...]
#   BIN    the autochitect binary (e.g. build/autochitect)
#   NAME   books to check (default: every folder in realbooks/ with a book.yml)
#
# For each book realbooks/NAME it runs `BIN build realbooks/NAME -o
# realbooks/out/NAME` and records the exit status, the time, the number of
# stderr lines and the diagnostics grouped by kind (the message with its
# variable parts, quoted text and numbers, replaced by '…' and N), then checks
# the EPUB with EPUBCheck and DAISY Ace and the PDF with qpdf --check,
# pdfinfo (pages) and pdffonts (fonts not embedded). Everything it finds is
# kept in realbooks/out/NAME/:
#   build.stderr      the program's diagnostics
#   diag-kinds.txt    COUNT  error|warning  KIND  (first PATH:LINE)
#   epubcheck.txt     EPUBCheck's output;  epubcheck-kinds.txt  grouped
#   ace/report.json   Ace's report;        ace-kinds.txt        rule, impact, count
#   qpdf.txt, pdffonts.txt
#   highlight.txt     tests/integration/highlight.py: code text unchanged by
#                     highlighting, PDF code pages in colour (HIGHLIGHT=0 skips)
# and one summary table is printed at the end (also realbooks/out/SUMMARY.txt).
#
# Environment: ACE=0 skips Ace; ACE_MAX=N runs it only on books of at most
# N articles (it takes half an hour on a book of 400 posts on a loaded
# machine: blog-sample is there for the blogs); ACE_TIMEOUT (default 1800 s); BUILD_TIMEOUT (default 600 s);
# SALVAGE=1 also checks each failing book without its articles in error.
# The checks never fail the script: it reports, the reader judges.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 BIN [NAME...]" >&2; exit 2; }
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shift
[ -x "$bin" ] || { echo "check: $bin is not executable" >&2; exit 2; }
books="$top/realbooks"
outroot="$books/out"
if [ $# -eq 0 ]; then
  set -- $(cd "$books" && for d in */; do [ -f "$d/book.yml" ] && echo "${d%/}"; done)
fi
[ $# -gt 0 ] || { echo "check: no book in $books (run tests/realbooks/prepare.sh)" >&2; exit 2; }
epubcheck_jar=/usr/share/java/epubcheck.jar

# Groups lines "PATH:LINE: error|warning: MESSAGE" by kind.
kinds_py='
import re, sys, collections
c, ex = collections.Counter(), {}
for line in sys.stdin:
    m = re.match(r"(.*?:\d+): (error|warning|note): (.*)", line.rstrip("\n"))
    if not m:
        continue
    where, sev, msg = m.groups()
    k = re.sub(r"'"'"'[^'"'"']*'"'"'|\"[^\"]*\"|`[^`]*`|‘[^’]*’|“[^”]*”", "…", msg)
    k = re.sub(r"U\+[0-9A-F]{4,6}( \([^)]*\))?", "U+N", k)
    k = re.sub(r"the characters? U\+N(, U\+N)*( and \d+ more)?; (they print as boxes|it prints as a box)", "U+N…; printed as boxes", k)
    k = re.sub(r"\d+(\.\d+)?", "N", k)
    c[(sev, k)] += 1
    ex.setdefault((sev, k), where + ": " + msg)
for (sev, k), n in sorted(c.items(), key=lambda x: (x[0][0], -x[1])):
    print(f"{n:6d}  {sev:7s}  {k}\n        e.g. {ex[(sev, k)][:300]}")
'

# Groups EPUBCheck lines "ERROR(CODE): FILE(L,C): MESSAGE" by code and message.
epc_py='
import re, sys, collections
c, ex = collections.Counter(), {}
for line in sys.stdin:
    m = re.match(r"(FATAL|ERROR|WARNING|USAGE|INFO)\(([\w-]+)\): (.*?)(\(-?\d+,-?\d+\))?: (.*)", line.strip())
    if not m:
        continue
    sev, code, f, pos, msg = m.groups()
    k = re.sub(r"; expected .*", "; expected …", msg)
    k = re.sub(r"(element|attribute) \"([^\"]*)\"", r"\1 <\2>", k)
    k = re.sub(r"\"[^\"]*\"|\x27[^\x27]*\x27", "…", k)
    k = re.sub(r"\d+", "N", k)
    c[(sev, code, k)] += 1
    ex.setdefault((sev, code, k), f.split("/", 1)[-1] + (pos or "") + ": " + msg)
for (sev, code, k), n in sorted(c.items(), key=lambda x: (x[0][0], -x[1])):
    print(f"{n:6d}  {sev}({code})  {k[:200]}\n        e.g. {ex[(sev, code, k)][:300]}")
'

# Ace's report.json: violations by rule and impact, with one place.
ace_js='
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const c = new Map();
function walk(a, subj) {
  if (!a || typeof a !== "object") return;
  if (a["earl:testSubject"] && a["earl:testSubject"].url) subj = a["earl:testSubject"].url;
  const t = a["earl:test"], res = a["earl:result"] || {};
  if (t && res["earl:outcome"] !== "pass") {
    const k = (t["earl:impact"] || "?") + "\t" + (t["dct:title"] || "?");
    const e = c.get(k) || { n: 0, ex: subj + " " + (((res["earl:pointer"] || {}).css || [])[0] || "") };
    e.n++; c.set(k, e);
  }
  for (const s of a.assertions || []) walk(s, subj);
}
for (const a of r.assertions || []) walk(a);
const order = ["critical", "serious", "moderate", "minor"];
const tot = { critical: 0, serious: 0, moderate: 0, minor: 0 };
const rows = [...c.entries()].sort((x, y) => order.indexOf(x[0].split("\t")[0]) - order.indexOf(y[0].split("\t")[0]) || y[1].n - x[1].n);
for (const [k, e] of rows) {
  const [imp, rule] = k.split("\t");
  if (imp in tot) tot[imp] += e.n;
  console.log(`${String(e.n).padStart(6)}  ${imp.padEnd(8)}  ${rule}   e.g. ${e.ex}`);
}
console.log(`TOTAL ${tot.critical}/${tot.serious}/${tot.moderate}/${tot.minor}`);
'

summary="$outroot/SUMMARY.txt"
mkdir -p "$outroot"
cd "$top"   # diagnostics then name realbooks/NAME/articles/FILE.md:LINE
rows=()
# check NAME BOOKDIR OUTDIR: build and check one book, append a row.
check() {
  local name=$1 book=$2 out=$3
  rm -rf "$out"; mkdir -p "$out"
  narts=$(find "$book/articles" -maxdepth 1 -name '*.md' | wc -l)
  echo "== $name ($narts articles)" >&2
  t0=$(date +%s.%N)
  timeout -k 5 "${BUILD_TIMEOUT:-600}" "$bin" build "$book" -o "$out" 2>"$out/build.stderr" >/dev/null
  rc=$?
  secs=$(printf '%.2f' "$(echo "$(date +%s.%N) - $t0" | bc)")
  lines=$(wc -l <"$out/build.stderr")
  nerr=$(grep -c ': error: ' "$out/build.stderr")
  nwarn=$(grep -c ': warning: ' "$out/build.stderr")
  python3 -c "$kinds_py" <"$out/build.stderr" >"$out/diag-kinds.txt"
  kinds=$(grep -c '^ *[0-9]' "$out/diag-kinds.txt")
  sed 's/^/  /' "$out/diag-kinds.txt" >&2

  epub=$(find "$out" -maxdepth 1 -name '*.epub' | head -n1)
  pdf=$(find "$out" -maxdepth 1 -name '*.pdf' | head -n1)
  epc="-"; ace="-"; qp="-"; pages="-"; noemb="-"
  if [ -n "$epub" ]; then
    java -jar "$epubcheck_jar" "$epub" >"$out/epubcheck.txt" 2>&1
    python3 -c "$epc_py" <"$out/epubcheck.txt" >"$out/epubcheck-kinds.txt"
    epc=$(sed -n 's/.*Messages: \([0-9]*\) fatals \/ \([0-9]*\) errors \/ \([0-9]*\) warnings\?.*/\1F\/\2E\/\3W/p' "$out/epubcheck.txt" | tail -n1)
    [ -n "$epc" ] || epc="ok"   # EPUBCheck prints no count line when clean
    sed 's/^/  epubcheck /' "$out/epubcheck-kinds.txt" >&2
    if [ "${ACE:-1}" != 0 ] && [ "$narts" -le "${ACE_MAX:-100000}" ]; then
      ACE_TIMEOUT="${ACE_TIMEOUT:-1800}" ACE_REPORT_DIR="$out/ace" \
        bash "$top/tests/ace/check-ace.sh" "$epub" >"$out/ace.txt" 2>&1
      if [ -s "$out/ace/report.json" ]; then
        node -e "$ace_js" "$out/ace/report.json" >"$out/ace-kinds.txt"
        ace=$(sed -n 's/^TOTAL //p' "$out/ace-kinds.txt")
        grep -v '^TOTAL' "$out/ace-kinds.txt" | sed 's/^/  ace /' >&2
      else
        ace="no run"; tail -n 3 "$out/ace.txt" >&2
      fi
    fi
  fi
  if [ -n "$pdf" ]; then
    qpdf --check "$pdf" >"$out/qpdf.txt" 2>&1; qrc=$?
    case $qrc in 0) qp=ok ;; 3) qp="warn($(grep -ci warning "$out/qpdf.txt"))" ;; *) qp="FAIL" ;; esac
    pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    pdffonts "$pdf" >"$out/pdffonts.txt" 2>&1
    noemb=$(awk 'NR>2 && $(NF-4)!="yes"' "$out/pdffonts.txt" | wc -l)
  fi
  if [ "${HIGHLIGHT:-1}" != 0 ] && [ "$rc" -eq 0 ]; then
    python3 "$top/tests/integration/highlight.py" "$bin" "$book" >"$out/highlight.txt" 2>&1 \
      || echo "check: $name: highlight.py failed, see $out/highlight.txt" >&2
  fi
  rows+=("$(printf '%-12s %5s %3s %7s %6s %5s %5s %5s  %-14s %-16s %-8s %5s %5s' \
    "$name" "$narts" "$rc" "$secs" "$lines" "$nerr" "$nwarn" "$kinds" "$epc" "$ace" "$qp" "$pages" "$noemb")")
}

for name in "$@"; do
  check "$name" "realbooks/$name" "$outroot/$name"
  # SALVAGE=1: when the build fails, build a copy of the book
  # (realbooks/out/NAME-salvage/book) without the articles in error, so that
  # the EPUB and PDF checks see the rest of the book. Its row is NAME-s.
  if [ "${SALVAGE:-0}" = 1 ] && [ "$rc" = 1 ]; then
    s="realbooks/out/$name-salvage"
    rm -rf "$s"; mkdir -p "$s"
    cp -a "realbooks/$name" "$s/book"
    # A Jekyll-named article whose only error is the missing date gets the
    # date of its name (what SPEC §1 says the program should do); every
    # other article with an error is left out.
    python3 - "realbooks/$name" "$s/book" "$outroot/$name/build.stderr" <<'PY'
import collections, os, re, sys
src, dst, log = sys.argv[1:]
errs = collections.defaultdict(list)
for line in open(log, encoding="utf-8", errors="replace"):
    m = re.match(re.escape(src) + r"/(articles/[^:]*\.md):\d+: error: (.*)", line.rstrip("\n"))
    if m:
        errs[m.group(1)].append(m.group(2))
dated = removed = 0
for f, msgs in errs.items():
    p = os.path.join(dst, f)
    j = re.match(r"(\d{4}-\d\d-\d\d)-", os.path.basename(f))
    if j and msgs == ["missing required front matter key 'date'"]:
        t = open(p, encoding="utf-8", errors="surrogateescape").read()
        if t.startswith("---\n"):
            t = "---\ndate: " + j.group(1) + "\n" + t[4:]
            open(p, "w", encoding="utf-8", errors="surrogateescape").write(t)
            dated += 1
            continue
    os.remove(p)
    removed += 1
print(f"salvage: {dated} articles dated from their Jekyll name, {removed} left out", file=sys.stderr)
PY
    check "$name-s" "$s/book" "$s/out"
  fi
done

{
  printf '%-12s %5s %3s %7s %6s %5s %5s %5s  %-14s %-16s %-8s %5s %5s\n' \
    book arts rc secs stderr errs warns kinds epubcheck 'ace c/s/m/m' qpdf pages noemb
  printf '%s\n' "${rows[@]}"
} | tee "$summary"
