#!/usr/bin/env bash
# Fetches the syntax highlighting grammars pinned in grammars/grammars.lock
# from the npm registry (npm pack), checks each tarball against its sha512
# integrity and unpacks it into grammars/src/PACKAGE/, then writes each
# language's highlight queries, concatenated in precedence order, to
# grammars/queries/NAME.scm. Runs again only for what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=grammars/grammars.lock
npmdir=grammars/npm
srcdir=grammars/src
qdir=grammars/queries
mkdir -p "$npmdir" "$srcdir" "$qdir"

integrity() { echo "sha512-$(openssl dgst -sha512 -binary "$1" | base64 -w0)"; }

fetch() { # PACKAGE VERSION INTEGRITY
  local pkg=$1 ver=$2 want=$3
  local tgz="$npmdir/$(echo "${pkg#@}" | tr / -)-$ver.tgz"
  if [ ! -f "$tgz" ] || [ "$(integrity "$tgz")" != "$want" ]; then
    rm -f "$tgz"
    echo "fetching $pkg@$ver"
    (cd "$npmdir" && npm pack --silent "$pkg@$ver" >/dev/null)
    if [ ! -f "$tgz" ]; then
      echo "$lock: error: npm pack $pkg@$ver did not produce $tgz" >&2
      exit 1
    fi
    local got
    got=$(integrity "$tgz")
    if [ "$got" != "$want" ]; then
      rm -f "$tgz"
      echo "$lock: error: $pkg@$ver has integrity $got, the lock file says $want" >&2
      exit 1
    fi
  fi
  local dest="$srcdir/$pkg"
  if [ ! -f "$dest/.integrity" ] || [ "$(cat "$dest/.integrity")" != "$want" ]; then
    rm -rf "$dest"
    mkdir -p "$dest"
    tar xzf "$tgz" -C "$dest" --strip-components=1
    echo "$want" >"$dest/.integrity"
  fi
}

while read -r kind a b c d e f; do
  case "$kind" in
    runtime|package) fetch "$a" "$b" "$c" ;;
  esac
done < <(grep -v '^#' "$lock")

# Queries after every package is there (a language may use another's).
while read -r kind name pkg gdir queries aliases; do
  [ "$kind" = language ] || continue
  out="$qdir/$name.scm"
  tmp="$out.tmp"
  : >"$tmp"
  IFS=, read -ra parts <<<"$queries"
  for q in "${parts[@]}"; do
    file="$srcdir/${q%%:*}/${q#*:}"
    if [ ! -f "$file" ]; then
      echo "$lock: error: language $name: no query file $file" >&2
      exit 1
    fi
    printf '; %s\n' "${q}" >>"$tmp"
    cat "$file" >>"$tmp"
    printf '\n' >>"$tmp"
  done
  mv "$tmp" "$out"
done < <(grep -v '^#' "$lock")
