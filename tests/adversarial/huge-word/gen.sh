# A 200 kB word (hyphenatable syllables) and a 200 kB word of one letter.
python3 - "$1/articles/word.md" <<'PY'
import sys
w = "antidisestablishmentarianism"
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Huge word\ndate: 2026-01-01\n---\n")
    f.write("Before " + w * (200000 // len(w)) + "ZQXWORDEND after.\n\n")
    f.write("x" * 200000 + "ZQXLETTEREND\n\n")
    f.write("# " + "h" * 5000 + "ZQXHEADEND\n\n")
    f.write("After the words: ENDMARK-WORD\n")
PY
