#!/usr/bin/env bash
# The collection in book/: the articles, dates, topics and titles of the list
# golden; every article's tags as the issue gives them; every SVG figure
# well-formed, titled and rendering; every figure referenced with alt text and
# a caption; `check` silent.
source "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
book="$root/book"
"$BIN" list "$book" >"$WORK/list"
diff -u "$root/tests/golden/book-list.txt" "$WORK/list" || fail "the collection's list changed"
"$BIN" check "$book" 2>"$WORK/check" || { cat "$WORK/check"; fail "check reports errors"; }
[ -s "$WORK/check" ] && { cat "$WORK/check"; fail "check reports warnings"; }
while IFS='|' read -r slug tags; do
  got=$(sed -n 's/^tags: *\[\(.*\)\]$/\1/p' "$book/articles/$slug.md")
  [ "$got" = "$tags" ] || fail "$slug: tags '$got', expected '$tags'"
done <<'TAGS'
storage-durability|System Design, Storage
replication|System Design, Distributed Systems
memory-allocators|Internals, Runtime
leader-election|System Design, Distributed Systems
jit-compilation|Compilers, Performance
http2-http3|Networking, Protocols
garbage-collection|Internals, Runtime
tcp-ip-model|Networking, Protocols
sockets|Networking, Sockets
osi-model|Networking, Protocols
gossip-protocol|System Design, Distributed Systems
backpressure|System Design, Streaming
raft|System Design, Distributed Systems
TAGS
n=0
for svg in "$book"/images/*.svg; do
  n=$((n + 1))
  xmllint --noout "$svg" || fail "$svg is not well-formed"
  xmllint --xpath 'local-name(/*/*[1])' "$svg" | grep -qx title || fail "$svg: <title> is not the first child"
  rsvg-convert -o "$WORK/fig.png" "$svg" || fail "$svg does not render"
  name=$(basename "$svg")
  grep -hE "^!\[[^]]+\]\(\.\./images/$name \"[^\"]+\"\)" "$book"/articles/*.md | grep -q . \
    || fail "$name is not used as a figure with alt text and a caption"
done
for f in "$book"/articles/*.md; do
  grep -q '^!\[' "$f" || fail "$(basename "$f") has no figure"
  words=$(sed '1,/^---$/{/^---$/!d}' "$f" | sed 1d | wc -w)
  [ "$words" -ge 1800 ] && [ "$words" -le 3500 ] || fail "$(basename "$f"): $words words"
done
pass "collection: 13 articles, $n figures"
