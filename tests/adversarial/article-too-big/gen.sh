# A 9 MB article and a 2 MB book.yml (over the documented reading limits).
python3 - "$1" <<'PY'
import sys
b = sys.argv[1]
with open(b + "/articles/big.md", "w") as f:
    f.write("---\ntitle: Big\ndate: 2026-01-01\n---\n")
    line = "word " * 19 + "word\n"
    f.write(line * (9 * 1024 * 1024 // len(line)))
with open(b + "/book.yml", "a") as f:
    f.write("rights: " + "r" * (2 * 1024 * 1024) + "\n")
PY
