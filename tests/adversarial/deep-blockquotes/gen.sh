# 10,000 nested block quotes on one line, then 2,000 lines each one deeper.
python3 - "$1/articles/quotes.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Deep quotes\ndate: 2026-01-01\n---\n")
    f.write(">" * 10000 + " DEEPQUOTE-ONE-LINE\n\n")
    for i in range(1, 2001):
        f.write(">" * i + " q%d\n" % i)
    f.write("\nAfter the quotes: ENDMARK-QUOTES\n")
PY
