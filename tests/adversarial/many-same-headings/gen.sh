# 10,000 headings with the same text (ids lists, lists-2, …) in one article
# and 2,000 in another: id allocation must not be quadratic or collide.
python3 - "$1/articles" <<'PY'
import sys
d = sys.argv[1]
with open(d + "/many.md", "w") as f:
    f.write("---\ntitle: Many headings\ndate: 2026-01-01\n---\n")
    for i in range(10000):
        f.write("## Lists\n\nx\n\n")
    f.write("[last](#lists-10000) ENDMARK-HEADINGS\n")
with open(d + "/more.md", "w") as f:
    f.write("---\ntitle: More headings\ndate: 2026-01-02\n---\n")
    for i in range(2000):
        f.write("## Lists\n\n## Lists 2\n\n")
    f.write("[other](many.md#lists) MORE-HEADINGS\n")
PY
