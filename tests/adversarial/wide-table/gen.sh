# A GFM table of 20,000 columns (header line 5), and one of 200 (line 11).
python3 - "$1/articles/wide.md" <<'PY'
import sys
n = 20000
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Wide table\ndate: 2026-01-01\n---\n")
    f.write("|" + "|".join("h%d" % i for i in range(n)) + "|\n")
    f.write("|" + "|".join("-" for _ in range(n)) + "|\n")
    f.write("|" + "|".join("c%d" % i for i in range(n)) + "|\n")
    f.write("\nLASTCOL-BEFORE\n\n")
    f.write("|" + "|".join("w%d" % i for i in range(200)) + "|\n")
    f.write("|" + "|".join("-" for _ in range(200)) + "|\n")
    f.write("|" + "|".join("v%d" % i for i in range(200)) + "|\n")
    f.write("\nAfter the tables: ENDMARK-WIDE\n")
PY
