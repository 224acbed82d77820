# 3,000 references to one note and 3,000 notes.
python3 - "$1/articles/many.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Many notes\ndate: 2026-01-02\n---\n")
    f.write(" ".join("ref[^one]" for _ in range(3000)) + "\n\n")
    f.write(" ".join("n[^n%d]" % i for i in range(3000)) + "\n\n")
    f.write("[^one]: The one note.\n\n")
    for i in range(3000):
        f.write("[^n%d]: Note %d.\n\n" % (i, i))
    f.write("MANY-NOTES\n")
PY
