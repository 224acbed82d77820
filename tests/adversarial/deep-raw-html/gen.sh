python3 - "$1/articles/html.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Deep raw HTML\ndate: 2026-01-01\n---\n\nBefore: STARTMARK-HTML\n\n")
    # 600 levels: over libxml2's default limit (256), under the one set (1024).
    f.write("<div>" * 300 + "<span>" * 300 + "INSIDE-DEEP-HTML" + "</span>" * 300 + "</div>" * 300 + "\n\n")
    f.write("After the nesting: ENDMARK-HTML\n")
PY
