python3 - "$1/articles/emph.md" <<'PY'
import sys
n = 10000
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Deep emphasis\ndate: 2026-01-01\n---\n")
    f.write("*" * n + "STARS" + "*" * n + "\n\n")
    f.write("_a " * n + "UNDERSCORES" + " a_" * n + "\n\n")
    f.write("*a **b " * 3000 + "MIXED\n\n")
    f.write("~~" * n + "STRIKE" + "~~" * n + "\n\n")
    f.write("`" * n + "TICKS\n\n")
    f.write("<em>" * 5000 + "HTMLEM" + "</em>" * 5000 + "\n\n")
    f.write("<div>" * 5000 + "HTMLDIV" + "</div>" * 5000 + "\n\n")
    f.write("After the emphasis: ENDMARK-EMPH\n")
PY
