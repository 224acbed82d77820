# A 100 kB line in a fenced code block, one in an indented block, and
# 100 kB of inline code.
python3 - "$1/articles/code.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Huge code line\ndate: 2026-01-01\n---\n")
    f.write("```c\n" + "a+b;" * 25000 + "ZQXFENCEEND\n```\n\n")
    f.write("    " + "x" * 100000 + "ZQXINDENTEND\n\n")
    f.write("Inline `" + "y" * 100000 + "ZQXINLINEEND` code.\n\n")
    f.write("After the code: ENDMARK-CODE\n")
PY
