#!/usr/bin/env python3
"""pdf_layout_rules.py TRACE - checks the page-breaking rules on a trace:
no widow or orphan (a paragraph split leaves at least two lines on each page),
no heading last on a page or without two lines of what follows, code blocks of
up to 12 lines never split, a table's header row never alone at a page's foot
and repeated atop every page the table goes on to, no text on a block quote's
rule (a list marker hanging over it); footnotes: each starts on the page of
its first reference, below the page's text, a note split over two pages
keeps two lines at least on each and its continuation is marked (a
"(continued)" box, line 0, heads it).
Prints the counts; exits 1 on any violation."""
import sys
from collections import defaultdict


def main():
    pages = []  # list of lists of (role, block, line, lines)
    bars, texts = [], []  # per page: quote rules (x, y0, y1); text (x0, x1, baseline)
    extents = []  # per page: (role, y, h) of every box
    ref_page = {}  # note id -> page of the first link to it from the text
    note_page = {}  # note id -> page where the note starts
    last_dest, prev, role_now = None, "", None
    for raw in open(sys.argv[1], encoding="utf-8"):
        if raw.startswith("box ") and pages:
            f = raw.split()
            extents[-1].append((f[3], float(f[1]), float(f[2])))
            if f[3] == "note" and f[5].startswith("1/") and prev.startswith("dest "):
                note_page.setdefault(prev.split()[3], len(pages))
            role_now = f[3]
        elif raw.startswith("link ") and pages and role_now not in ("note", None):
            target = raw.split()[5]
            if target.startswith("#"):
                ref_page.setdefault(target[1:], len(pages))
        prev = raw
        if raw.startswith("page "):
            extents.append([])
            role_now = None
            pages.append([])
            bars.append([])
            texts.append([])
        elif raw.startswith("rect ") and pages:
            x, y, w, h = (float(v) for v in raw.split()[1:5])
            if abs(w - 1.2) < 0.01:  # a block quote's rule
                bars[-1].append((x, y, y + h))
        elif raw.startswith("text ") and pages:
            x, base, w = (float(v) for v in raw.split()[1:4])
            texts[-1].append((x, x + w, base))
        elif raw.startswith("box ") and pages:
            _, y, h, role, block, frac = raw.split()
            line, lines = (int(x) for x in frac.split("/"))
            pages[-1].append((role, int(block), line, lines))
    bad = defaultdict(list)
    headed = set()  # tables (blocks) with a header row
    seen = set()    # tables met on an earlier page
    for n, (page_bars, page_texts) in enumerate(zip(bars, texts), 1):
        for bx, y0, y1 in page_bars:
            for x0, x1, base in page_texts:
                if y0 < base < y1 and x0 < bx + 1.2 and x1 > bx:
                    bad["text on a quote rule"].append(f"page {n}: text at x {x0:.2f} crosses the rule at {bx:.2f}")
    for n, boxes in enumerate(pages, 1):
        rows = [b for b in boxes if b[0] in ("row", "header")]
        if rows and rows[0][1] in headed and rows[0][1] in seen and rows[0][0] != "header":
            bad["table header not repeated"].append(f"page {n}: table {rows[0][1]} goes on without its header row")
        for role, block, line, lines in rows:
            if role == "header":
                headed.add(block)
        seen.update(b[1] for b in rows)
        per_block = defaultdict(int)
        for role, block, line, lines in boxes:
            per_block[(role, block, lines)] += 1
        for (role, block, lines), count in per_block.items():
            if role == "para" and lines >= 2 and count < 2:
                bad["widows/orphans"].append(f"page {n}: paragraph {block} has {count} of {lines} lines here")
            if role == "code" and lines <= 12 and count != lines:
                bad["split short code"].append(f"page {n}: code block {block} of {lines} lines split")
        content = [b for b in boxes if b[0] not in ("other", "note")]
        if content:
            role, block, line, lines = content[-1]
            if role == "heading":
                bad["headings at the foot"].append(f"page {n}: heading {block} is last")
            if role in ("row", "header") and line == 1 and lines > 1:
                bad["table header alone"].append(f"page {n}: table {block} header row is last")
        for i, (role, block, line, lines) in enumerate(content):
            if role != "heading" or line != lines:
                continue
            rest = content[i + 1:]
            if not rest:
                continue
            nxt = rest[0]
            need = min(2, nxt[3]) if nxt[0] in ("para", "code") else 1
            got = sum(1 for b in rest if b[1] == nxt[1])
            if got < need:
                bad["headings at the foot"].append(f"page {n}: heading {block} followed by {got} line(s)")
    continued = 0
    for n, boxes in enumerate(pages, 1):
        notes = [b for b in boxes if b[0] == "note"]
        firsts = {}
        for i, (role, block, line, lines) in enumerate(notes):
            if block in firsts or line == 0:
                continue
            firsts[block] = line
            if line > 1:
                continued += 1
                if i == 0 or notes[i - 1][1] != block or notes[i - 1][2] != 0:
                    bad["continued notes unmarked"].append(f"page {n}: note {block} goes on from line {line} unmarked")
        per_note = defaultdict(int)
        for role, block, line, lines in notes:
            if line > 0:
                per_note[(block, lines)] += 1
        for (block, lines), count in per_note.items():
            if count < lines and (lines <= 3 or count < 2):
                bad["notes split badly"].append(f"page {n}: note {block} has {count} of {lines} lines here")
        text_foot = max((y + h for role, y, h in extents[n - 1] if role != "note" and h > 0), default=0)
        note_top = min((y for role, y, h in extents[n - 1] if role == "note"), default=None)
        if note_top is not None and note_top < text_foot - 0.01:
            bad["notes over the text"].append(f"page {n}: notes start at {note_top:.2f}, text ends at {text_foot:.2f}")
    for note, page in note_page.items():
        if note in ref_page and ref_page[note] != page:
            bad["notes off their reference's page"].append(
                f"note {note}: referred to on page {ref_page[note]}, starts on page {page}")
    total = sum(len(v) for v in bad.values())
    print("widows/orphans: %d, headings at the foot: %d, split short code: %d, table header alone: %d, "
          "table header not repeated: %d, text on a quote rule: %d, pages: %d" % (
              len(bad["widows/orphans"]), len(bad["headings at the foot"]), len(bad["split short code"]),
              len(bad["table header alone"]), len(bad["table header not repeated"]),
              len(bad["text on a quote rule"]), len(pages)))
    print("footnotes: %d (on their reference's page: %d), continued: %d, off their reference's page: %d, "
          "continued unmarked: %d, split badly: %d, over the text: %d" % (
              len(note_page), sum(1 for k, p in note_page.items() if ref_page.get(k) == p), continued,
              len(bad["notes off their reference's page"]), len(bad["continued notes unmarked"]),
              len(bad["notes split badly"]), len(bad["notes over the text"])))
    for v in bad.values():
        for msg in v[:10]:
            print("  " + msg)
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
