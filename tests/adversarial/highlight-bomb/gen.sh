# Code that tree-sitter's error recovery would take minutes over: 150,000
# unclosed brackets in JSON, 60,000 unclosed parentheses in C (both longer
# than the 16 kB highlighting takes), 15 kB of unclosed brackets (a query that
# would take quadratic time over the error node) and five unterminated Rust
# strings of 15 kB (a second each to parse: from the fourth on, past the
# article's budget). Each is set plain with a warning at its fence, its text whole; the
# ordinary block before them is highlighted.
python3 - "$1/articles/bomb.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Highlight bomb\ndate: 2026-01-01\n---\n\n")
    f.write("```go\nfunc main() { fmt.Println(\"ZQXGOEND\") }\n```\n\n")                 # line 6
    f.write("```json\n" + "[" * 150000 + "ZQXJSONEND\n```\n\n")                          # line 10
    f.write("```c\nint x = " + "(" * 60000 + "ZQXCEND;\n```\n\n")                        # line 14
    f.write("```json\n" + "[" * 15000 + "ZQXJSON2END\n```\n\n")                          # line 18
    for i in range(5):                                                                   # lines 22, 26 ...
        f.write("```rust\nlet s = \"" + "a " * 7500 + "ZQXRUST%dEND\n```\n\n" % i)
    f.write("After the code: ENDMARK-CODE\n")
PY
exit 0
