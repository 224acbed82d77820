#!/usr/bin/env bash
# page_list_synthetic.sh BIN N [build options]: page_list.py on a generated
# book of N articles.
source "$(dirname "$0")/lib.sh"
n=$2
shift 2
here=$(dirname "$0")
root=$(cd "$here/../.." && pwd)
python3 "$root/bench/gen_book.py" "$n" "$WORK/book"
python3 "$here/page_list.py" "$BIN" "$WORK/book" "$@" || fail "page-list of $n articles $*"
pass "page-list of a generated book of $n articles $*"
