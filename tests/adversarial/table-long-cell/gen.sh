# Table cells longer than a page (issue 14: a 1,600-word cell lost 847 words):
# a one-column table whose cell holds 1,600 numbered words, then a
# two-column table with a long cell beside a short one, after a header row.
python3 - "$1/articles/long-cell.md" <<'PY'
import sys
words = " ".join("w%04d" % i for i in range(1, 1601))
side = " ".join("s%03d" % i for i in range(1, 401))
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: A long cell\ndate: 2026-01-01\n---\n")
    f.write("Before the tables: STARTMARK\n\n")
    f.write("| words |\n|---|\n| %s |\n\n" % words)
    f.write("| label | text |\n|---|---|\n| short | %s |\n| next | NEXTROW |\n\n" % side)
    f.write("After the tables: ENDMARK-CELLS\n")
PY
