#!/usr/bin/env bash
# Runs DAISY Ace (installed by scripts/install-ace.sh) on an EPUB, offline, in
# headless Debian chromium, and judges its report.json.
#
# usage: tests/ace/check-ace.sh EPUB_FILE
#
# Exit status:
#   0  no violation of impact critical, serious or moderate (minor ones pass)
#   1  at least one such violation; each is listed
#   2  Ace could not run (not installed, no chromium, timed out, crashed, no
#      report); the reason is printed
#
# Environment (all optional):
#   ACE_TIMEOUT                 seconds before the whole run is killed (default 600)
#   ACE_REPORT_DIR              keep Ace's reports (report.json, report.html) there
#   ACE_VERBOSE=1               also list the minor violations
#   PUPPETEER_EXECUTABLE_PATH   browser to use (default /usr/bin/chromium)
#
# Ace always starts Chromium with --no-sandbox --disable-setuid-sandbox (see
# node_modules/@daisy/ace-axe-runner-puppeteer/lib/index.js), so running as
# root works without extra flags. Ace's runner aborts every http(s) request
# a document makes, so nothing is fetched from the network.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
ace_js="$here/node_modules/@daisy/ace-cli/bin/ace.js"

die2() { echo "ace: cannot run: $*" >&2; exit 2; }

[ $# -eq 1 ] || { echo "usage: $0 EPUB_FILE" >&2; exit 2; }
epub="$1"
[ -f "$epub" ] || die2 "no such file: $epub"
command -v node >/dev/null 2>&1 || die2 "node is not installed (run scripts/install-ace.sh)"
command -v timeout >/dev/null 2>&1 || die2 "timeout (coreutils) is not installed"
[ -f "$ace_js" ] || die2 "Ace is not installed in $here/node_modules (run scripts/install-ace.sh)"
export PUPPETEER_EXECUTABLE_PATH="${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}"
[ -x "$PUPPETEER_EXECUTABLE_PATH" ] \
  || die2 "no browser at $PUPPETEER_EXECUTABLE_PATH (apt-get install chromium, or run scripts/install-ace.sh)"
limit="${ACE_TIMEOUT:-600}"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ace-check.XXXXXX")" || die2 "mktemp failed"
cleanup() {
  # A Chromium left behind by a killed run has its profile under $tmp
  # (puppeteer puts it in TMPDIR): end only those, by that unique path.
  pkill -KILL -f -- "$tmp/" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

outdir="${ACE_REPORT_DIR:-$tmp/report}"
mkdir -p "$outdir" "$tmp/home" "$tmp/tmp" || die2 "cannot create $outdir"
epub_abs="$(cd "$(dirname "$epub")" && pwd)/$(basename "$epub")"

# Everything Ace and Chromium write outside the report (config, logs, profile,
# crash dumps) goes into $tmp, so parallel runs don't meet and nothing is kept.
# ACE_TIMEOUT_INITIAL: the browser launch timeout, 5 s by default in Ace,
# too short on a loaded 2-core machine.
env HOME="$tmp/home" TMPDIR="$tmp/tmp" \
    XDG_CONFIG_HOME="$tmp/home/.config" XDG_CACHE_HOME="$tmp/home/.cache" \
    XDG_DATA_HOME="$tmp/home/.local/share" XDG_STATE_HOME="$tmp/home/.local/state" \
    PUPPETEER_SKIP_DOWNLOAD=1 ACE_TIMEOUT_INITIAL="${ACE_TIMEOUT_INITIAL:-60000}" \
    NO_COLOR=1 FORCE_COLOR=0 \
  timeout -k 10 "$limit" node "$ace_js" --force --outdir "$outdir" "$epub_abs" \
  >"$tmp/ace.log" 2>&1 </dev/null
rc=$?

show_log() {
  sed -e 's/\x1b\[[0-9;]*m//g' "$tmp/ace.log" | grep -v '^\s*$' | tail -n 25 | sed 's/^/  | /' >&2
}
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
  show_log
  die2 "Ace timed out after ${limit}s on $epub"
elif [ $rc -ne 0 ]; then
  show_log
  die2 "Ace exited with status $rc on $epub"
fi
[ -s "$outdir/report.json" ] || { show_log; die2 "Ace wrote no report.json"; }

node - "$outdir/report.json" "${ACE_VERBOSE:-0}" <<'EOF'
'use strict';
const fs = require('fs');
const [file, verbose] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  console.error(`ace: cannot run: unreadable report.json: ${e.message}`);
  process.exit(2);
}
const order = ['critical', 'serious', 'moderate', 'minor'];
const failing = new Set(['critical', 'serious', 'moderate']);
const counts = { critical: 0, serious: 0, moderate: 0, minor: 0, other: 0 };
const found = [];
const oneLine = (s, max) => {
  s = String(s || '').replace(/\s*\n\s*/g, ' / ').replace(/\s+/g, ' ').trim();
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
};
// Ace nests assertions: one per document (earl:testSubject), holding one
// leaf assertion (with earl:test) per violation.
function walk(a, subject) {
  if (!a || typeof a !== 'object') return;
  if (a['earl:testSubject'] && a['earl:testSubject'].url) subject = a['earl:testSubject'].url;
  const test = a['earl:test'];
  const result = a['earl:result'] || {};
  if (test && result['earl:outcome'] !== 'pass') {
    let impact = String(test['earl:impact'] || 'unknown');
    const key = impact in counts ? impact : 'other';
    counts[key]++;
    const ptr = result['earl:pointer'] || {};
    found.push({
      impact, key,
      rule: test['dct:title'] || '?',
      file: subject || '?',
      message: result['dct:description'] || test['dct:description'] || '',
      where: (ptr.css || [])[0] || '',
      html: result.html || '',
      by: a['earl:assertedBy'] || '',
    });
  }
  for (const sub of a.assertions || []) walk(sub, subject);
}
for (const a of report.assertions || []) walk(a, undefined);

const bad = found.filter(f => failing.has(f.key) || f.key === 'other');
let line = `ace: ${counts.critical} critical, ${counts.serious} serious, ` +
           `${counts.moderate} moderate, ${counts.minor} minor`;
if (counts.other) line += `, ${counts.other} of unknown impact`;
console.log(line);
const rank = f => (order.indexOf(f.key) + 5) % 5;
const list = (verbose === '1' ? found : bad).slice().sort((x, y) => rank(x) - rank(y));
for (const f of list) {
  console.log(`  [${f.impact}] ${f.rule} in ${f.file}${f.where ? ` at ${f.where}` : ''}: ${oneLine(f.message, 400)}`);
  if (f.html) console.log(`      html: ${oneLine(f.html.split(' <!--##--> ')[0], 300)}`);
}
process.exit(bad.length ? 1 : 0);
EOF
