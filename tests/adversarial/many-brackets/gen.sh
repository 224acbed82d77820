python3 - "$1/articles/brackets.md" <<'PY'
import sys
n = 50000
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Brackets\ndate: 2026-01-01\n---\n")
    f.write("[" * n + "OPENBRACKETS\n\n")
    f.write("![" * n + "IMAGEBRACKETS\n\n")
    f.write("[a](" * n + "LINKPARENS\n\n")
    f.write("]" * n + "CLOSEBRACKETS\n\n")
    f.write("[x]: " * 1000 + "REFDEFS\n\n")
    f.write("a <!--" * n + " COMMENTS\n\n")
    f.write("a <?" * n + " PROCESSING\n\n")
    f.write("a <![CDATA[" * n + " CDATA\n\n")
    f.write("<a href='" * 20000 + " ATTRS\n\n")
    f.write("&" * n + "#" * n + " AMPS\n\n")
    f.write("[^" * n + "FOOTS\n\n")
    f.write("|" * n + "\n" + "|-" * 100 + "\nPIPES\n\n")
    f.write("After the brackets: ENDMARK-BRACKETS\n")
PY
