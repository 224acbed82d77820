python3 - "$1/articles/html.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Nesting bomb\ndate: 2026-01-01\n---\n\nBefore.\n\n")
    f.write("<div>" * 50000 + "INSIDE" + "</div>" * 50000 + "\n\nAfter.\n")
PY
