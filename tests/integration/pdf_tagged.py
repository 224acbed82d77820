#!/usr/bin/env python3
"""pdf_tagged.py BIN BOOK [BUILD OPTIONS] - checks the handbook's tagged PDF (PDF/UA-1) from
qpdf's JSON: qpdf --check is clean; the catalog has /Lang, /MarkInfo /Marked,
/ViewerPreferences /DisplayDocTitle and XMP saying PDF/UA-1; the structure
tree holds a Table per table (a TR per row, TH with a Scope), an L per list
and an LI per item (as the EPUB has them, notes included), a Code per code block and page, a
Figure with non-empty Alt per figure, a Note per note and page (as the trace
places them), a TOCI per contents entry and an Index; every text-showing
operator of every page is in a structure element or an /Artifact, and none
outside the text block (running heads, folios) is in an element."""
import os
import re
import sys
import tempfile
import zipfile
from collections import Counter
from common import PdfObjects, fail, run


def strip(s):
    """A qpdf JSON string ('u:text' or 'b:hex') as text."""
    if isinstance(s, str) and s.startswith("u:"):
        return s[2:]
    if isinstance(s, str) and s.startswith("b:"):
        return bytes.fromhex(s[2:]).decode("latin-1")
    return s


TOKEN = re.compile(rb"""\s+|%[^\r\n]*|<<|>>|\[|\]|<[0-9A-Fa-f\s]*>|/[^\s/<>\[\]()%{}]*|"""
                   rb"""[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+[0-9]*|[{}]""")


def tokens(data):
    """The tokens of a content stream: (kind, value), kind 'op' for operators."""
    i, n = 0, len(data)
    while i < n:
        if data[i:i + 1] == b"(":
            depth, j = 0, i
            while j < n:
                c = data[j:j + 1]
                if c == b"\\":
                    j += 2
                    continue
                if c == b"(":
                    depth += 1
                elif c == b")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            yield "str", data[i:j + 1]
            i = j + 1
            continue
        m = TOKEN.match(data, i)
        if not m:
            fail("cannot read the content stream at byte %d: %r" % (i, data[i:i + 20]))
        t = m.group(0)
        i = m.end()
        if t[:1].isspace() or t[:1] == b"%":
            continue
        if re.fullmatch(rb"[A-Za-z'\"*]+[0-9]*", t) and t not in (b"true", b"false", b"null"):
            yield "op", t.decode()
        else:
            yield "arg", t


def main():
    binary, book, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    out = tempfile.mkdtemp()
    run(binary, "build", book, "-f", "epub,pdf,trace", "-o", out, "-q", *extra)
    name = lambda ext: next(os.path.join(out, f) for f in os.listdir(out) if f.endswith(ext))
    pdf, trace, epub = name(".pdf"), name(".trace"), name(".epub")

    check = run("qpdf", "--check", pdf)
    if "No syntax or stream encoding errors" not in check or "WARNING" in check:
        fail("qpdf --check: " + check)

    objs = PdfObjects(pdf, streams=True)
    obj = deref = objs.get
    stream_data = objs.stream_data
    root = obj(objs.trailer["/Root"])
    if not strip(root.get("/Lang", "")):
        fail("the catalog has no /Lang")
    if deref(root.get("/MarkInfo", {})).get("/Marked") is not True:
        fail("the catalog has no /MarkInfo << /Marked true >>")
    if deref(root.get("/ViewerPreferences", {})).get("/DisplayDocTitle") is not True:
        fail("the catalog has no /ViewerPreferences << /DisplayDocTitle true >>")
    xmp = stream_data(root["/Metadata"]).decode() if "/Metadata" in root else ""
    if "<pdfuaid:part>1</pdfuaid:part>" not in xmp or "<dc:title>" not in xmp:
        fail("the XMP metadata does not identify PDF/UA-1 with a title")

    # The structure tree, in order; which element each marked-content id is in.
    elems, owner = [], {}

    def walk(ref_or_dict, page):
        e = deref(ref_or_dict)
        if not isinstance(e, dict):
            return
        if "/S" not in e:
            if e.get("/Type") == "/MCR":
                owner[(e.get("/Pg", page), e["/MCID"])] = elems[-1]
            return
        elems.append(e)
        me = e
        page = e.get("/Pg", page)
        kids = e.get("/K", [])
        for k in kids if isinstance(kids, list) else [kids]:
            if isinstance(k, int):
                owner[(page, k)] = me
            elif isinstance(deref(k), dict) and deref(k).get("/Type") == "/MCR":
                mcr = deref(k)
                owner[(mcr.get("/Pg", page), mcr["/MCID"])] = me
            else:
                walk(k, page)

    tree = obj(root["/StructTreeRoot"])
    kids = tree["/K"]
    for k in kids if isinstance(kids, list) else [kids]:
        walk(k, None)
    count = Counter(e["/S"] for e in elems)

    # What the trace placed: boxes (role, block) per page, frames, links.
    frames, boxes, links, dests = {}, [], [], {}
    page, box = 0, None
    for line in open(trace, encoding="utf-8"):
        f = line.split()
        if f[0] == "page":
            page = int(f[1])
            frames[page] = tuple(float(v) for v in f[5:9])
            box = None
        elif f[0] == "box":
            box = {"page": page, "role": f[3], "block": int(f[4]), "line": f[5], "text": False}
            boxes.append(box)
        elif f[0] == "text" and box is not None:
            box["text"] = True
        elif f[0] == "link":
            links.append((page, f[5]))
        elif f[0] == "dest":
            dests.setdefault(f[3], page)

    def per_page(role):
        return len({(b["page"], b["block"]) for b in boxes if b["role"] == role and b["text"]})

    # The source, from the EPUB built from the same tree.
    src = Counter()
    with zipfile.ZipFile(epub) as z:
        for n in z.namelist():
            if not n.startswith("EPUB/text/"):
                continue
            x = z.read(n).decode()
            # The notes once (the endnotes, less their own list), without
            # the chapter's list of tags (a line of links in print).
            x = re.sub(r"<aside.*?</aside>", "", x, flags=re.S)
            x = re.sub(r'<ul class="chapter-tags".*?</ul>', "", x, flags=re.S)
            x = re.sub(r'(<section class="footnotes"[^>]*>\s*)<ol>', r"\1", x)
            x = re.sub(r'<li epub:type="endnote">', "", x)
            src["table"] += len(re.findall(r"<table[\s>]", x))
            src["tr"] += len(re.findall(r"<tr[\s>]", x))
            src["li"] += len(re.findall(r"<li[\s>]", x))
            src["list"] += len(re.findall(r"<[ou]l[\s>]", x))
            src["figure"] += len(re.findall(r"<figure[\s>](?:(?!</figure>).)*<img", x, re.S))
            src["blockquote"] += len(re.findall(r"<blockquote[\s>]", x))

    def expect(what, got, want):
        if got != want:
            fail("%s: %d structure elements, expected %d" % (what, got, want))

    expect("Table", count["/Table"], src["table"])
    expect("TR", count["/TR"], src["tr"])
    expect("L", count["/L"], src["list"])
    expect("LI", count["/LI"], src["li"])
    expect("BlockQuote", count["/BlockQuote"], src["blockquote"])
    expect("Figure", count["/Figure"], src["figure"])
    expect("Code (per block and page)", count["/Code"], per_page("code"))
    expect("Note (per note and page)", count["/Note"], per_page("note"))
    contents = dests.get("contents")
    first = min((p for d, p in dests.items() if d.startswith("ch-")), default=None)
    expect("TOCI", count["/TOCI"], len([p for p, _ in links if contents <= p < first]))
    # The index of tags (when some article has tags: each has a destination
    # tag-NAME) and the index of terms, those the book has.
    tagged = any(d.startswith("tag-") and d != "tag-index" for d in dests)
    expect("Index", count["/Index"], tagged + ("term-index" in dests))
    for kind in ("/Private", "/Artifact", "/NonStruct"):
        if count[kind]:
            fail("%d %s elements in the structure tree (artifacts belong to none)"
                 % (count[kind], kind))
    for e in elems:
        if e["/S"] == "/Figure" and not strip(e.get("/Alt", "")).strip():
            fail("a Figure without /Alt")
        if e["/S"] == "/TH" and deref(e.get("/A", {})).get("/Scope") not in ("/Column", "/Row"):
            fail("a TH without /Scope")
    for need in ("/TOC", "/P", "/H1"):
        if not count[need]:
            fail("no %s element" % need)
    if count["/Lbl"] > count["/LI"] or count["/LBody"] != count["/LI"]:
        fail("%d LI, %d Lbl, %d LBody" % (count["/LI"], count["/Lbl"], count["/LBody"]))

    # The parent tree: each page's marked-content ids to their elements.
    parents = {}

    def number_tree(node):
        node = deref(node)
        nums = node.get("/Nums", [])
        for i in range(0, len(nums) - 1, 2):
            parents[nums[i]] = deref(nums[i + 1])
        for k in node.get("/Kids", []):
            number_tree(k)
    number_tree(tree["/ParentTree"])
    # Each entry is an element of the tree (or a link's), or null: the
    # artifacts' elements, taken out of the tree, are out of it too.
    in_tree = {id(e) for e in elems}
    for key, value in parents.items():
        for k, entry in enumerate(value if isinstance(value, list) else []):
            e = deref(entry)
            if e is not None and id(e) not in in_tree and e.get("/S") != "/Link":
                fail("parent tree entry %d of key %d is %s, not an element of the tree"
                     % (k, key, e.get("/S")))

    # Every text-showing operator is in an element or an artifact; none that
    # is drawn outside the text block (heads, folios) is in an element.
    shows = Counter()
    for p in objs.pages:
        num = p["pageposfrom1"]
        top, bottom = frames[num][1], frames[num][3]
        stack, args, y = [], [], 0.0
        data = b"".join(stream_data(c) for c in p["contents"])
        for kind, v in tokens(data):
            if kind == "arg":
                args.append(v)
                continue
            if v in ("BDC", "BMC"):
                mcid = None
                joined = b" ".join(args)
                m = re.search(rb"/MCID\s+(\d+)", joined)
                if m:
                    mcid = int(m.group(1))
                stack.append((args[0].decode() if args else "", mcid))
            elif v == "EMC":
                if not stack:
                    fail("page %d: EMC without a sequence" % num)
                stack.pop()
            elif v == "Tm":
                y = float(args[5])
            elif v in ("Tj", "TJ", "'", '"'):
                if any(tag == "/Artifact" and m is not None for tag, m in stack):
                    fail("page %d: an artifact with a marked-content id" % num)
                if any(tag == "/Artifact" for tag, _ in stack):
                    inside = top - 1 <= y <= bottom + 1
                    shows["artifact" if not inside else "artifact in block"] += 1
                    continue
                mcids = [m for _, m in stack if m is not None]
                if not mcids:
                    fail("page %d: text at y %.1f is neither tagged nor an artifact" % (num, y))
                e = owner.get((p["object"], mcids[-1]))
                if e is None:
                    fail("page %d: marked content %d belongs to no structure element"
                         % (num, mcids[-1]))
                listed = parents.get(obj(p["object"]).get("/StructParents"), [])
                if mcids[-1] >= len(listed) or deref(listed[mcids[-1]]) is not e:
                    fail("page %d: the parent tree does not give marked content %d its element"
                         % (num, mcids[-1]))
                if not top - 1 <= y <= bottom + 1:
                    fail("page %d: tagged text (%s) at y %.1f, outside the text block %.1f-%.1f"
                         " (a running head or folio?)" % (num, e["/S"], y, top, bottom))
                shows["tagged"] += 1
            args = []
        if stack:
            fail("page %d: %d marked-content sequences left open" % (num, len(stack)))
    if not shows["artifact"]:
        fail("no running head or folio is an artifact")
    print("ok: %d elements (%s); %d text operators tagged, %d artifacts outside the text "
          "block, %d inside" % (len(elems), ", ".join("%s %d" % (k[1:], v) for k, v in
                                                        sorted(count.items())),
                               shows["tagged"], shows["artifact"], shows["artifact in block"]))


main()
