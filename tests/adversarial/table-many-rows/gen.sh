# A table of 5,000 rows (more than the layout's row buffer of 4,096).
python3 - "$1/articles/rows.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Many rows\ndate: 2026-01-01\n---\n")
    f.write("| n | value |\n|---|---|\n")
    for i in range(5000):
        f.write("| %d | ROW%05d |\n" % (i, i))
    f.write("\nAfter the table: ENDMARK-ROWS\n")
PY
