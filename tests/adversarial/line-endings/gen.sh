# The same article with CRLF, lone CR, BOM + CRLF and mixed line endings;
# the warnings must name the same lines in each (each file has its own
# unknown key: one key in several files is one warning for the book).
a=$1/articles
body='---
title: Line endings EOLNAME
date: 2026-01-01
colour-EOLNAME: red
---
A first paragraph
over two lines.

Some <font color="red">font</font> markup on line 9.

![](../images/box.svg)

A [missing article](missing.md) on line 13.

```
code line 16
```

END-EOLNAME'
mk() { printf '%s\n' "${body//EOLNAME/$2}"; }
mk x crlf | sed 's/$/\r/' >"$a/crlf.md"
mk x cr | tr '\n' '\r' >"$a/cr.md"
{ printf '\xEF\xBB\xBF'; mk x bom | sed 's/$/\r/'; } >"$a/bom.md"
# Mixed: CRLF, CR and LF lines in turn; no newline at the end.
# (A lone CR followed by an empty LF line would read as one CRLF: avoided.)
mk x mixed | awk '{ e = (NR % 3 == 1) ? "\r\n" : (NR % 3 == 2) ? "\r" : "\n";
  if (prev == "\r" && $0 == "" && e == "\n") e = "\r"; printf "%s%s", $0, e; prev = e }' | head -c -1 >"$a/mixed.md"
printf '\xEF\xBB\xBFtitle: Adversarial line-endings\r\nsubtitle: CRLF\r\nflavour: vanilla\r\n' >"$1/book.yml"
