python3 - "$1/articles/lists.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Deep lists\ndate: 2026-01-01\n---\n")
    f.write("- " * 10000 + "DEEPLIST-ONE-LINE\n\n")
    f.write("1. " * 5000 + "DEEPORDERED\n\n")
    for i in range(1000):
        f.write("  " * i + "- item%d\n" % i)
    f.write("\n> - > - > - " * 1 + "mixed\n\nAfter the lists: ENDMARK-LISTS\n")
PY
