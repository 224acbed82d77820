# One base letter carrying 5,000 combining marks (in a paragraph, a heading
# and a title), and 3,000 marks with no base at all.
python3 - "$1/articles/marks.md" <<'PY'
import sys
marks = "\u0301\u0316\u0334\u0359\u0363" * 1000
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("---\ntitle: Marks a" + marks[:500] + "\ndate: 2026-01-01\n---\n")
    f.write("Zalgo a" + marks + " ZQXMARKSEND\n\n")
    f.write("## Heading e" + marks + "\n\n")
    f.write("\u0301" * 3000 + " ZQXBARE\n\n")
    f.write("After the marks: ENDMARK-MARKS\n")
PY
