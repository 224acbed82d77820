#!/usr/bin/env python3
"""gen_book.py N DIR [--plain DIR2] - writes a deterministic synthetic
collection of N articles (about 1,400 words each, with headings, lists, code,
tables, quotes, footnotes and cross links) as an autochitect book folder.

With --plain DIR2 it also writes DIR2/book.md: the same articles as one plain
Markdown document for other tools (pandoc and the tools it feeds). It opens
with a YAML title block (title, author, lang); each article becomes a `#`
heading (its title) followed by a line with its date and tags, its summary in
italics and its body; footnote labels are made unique per article and links
to other articles (`a0002.md`) become links to their headings (`#a0002`).

The output depends only on N: the same N always gives the same bytes."""
import argparse
import os
import random
import re

WORDS = ("replica leader follower quorum commit log entry term vote lease fence "
         "token shard partition queue buffer socket stream frame packet window "
         "latency throughput durable journal segment index cache page heap arena "
         "slab collector barrier pointer thread scheduler kernel driver protocol "
         "handshake congestion backoff retry timeout deadline budget capacity "
         "consensus gossip membership snapshot compaction checkpoint recovery").split()
TOPICS = ["Storage", "Networking", "Distributed Systems", "Runtime", "Compilers"]
TITLE = "Synthetic Collection"
AUTHOR = "Generator"


def sentence(rng, n=None):
    n = n or rng.randint(8, 22)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def styled_paragraph(rng):
    """A paragraph with some inline markup: emphasis, strong, code."""
    p = paragraph(rng).split(" ")
    for mark in ("*", "**", "`"):
        k = rng.randrange(1, len(p) - 1)
        p[k] = mark + p[k].rstrip(".") + mark + ("." if p[k].endswith(".") else "")
    return " ".join(p)


def article(rng, i, n):
    """Returns (front matter dict, body Markdown) of article i of n."""
    topic = TOPICS[i % len(TOPICS)]
    tags = [topic, TOPICS[(i * 7 + 3) % len(TOPICS)], f"Series {i % 11}"]
    tags = list(dict.fromkeys(tags))
    day = 1 + (i * 13) % 28
    month = 1 + (i * 5) % 12
    meta = {"title": f"Synthetic Article {i:04d}",
            "date": f"2025-{month:02d}-{day:02d}",
            "tags": tags,
            "summary": f"A generated article about {rng.choice(WORDS)} and {rng.choice(WORDS)}."}
    out = [paragraph(rng) + "[^1]", "", styled_paragraph(rng)]
    for s in range(1, 6):
        out += ["", f"## Section {s}: {rng.choice(WORDS)} {rng.choice(WORDS)}", "",
                paragraph(rng), "", styled_paragraph(rng)]
        if s == 1:
            out += [""] + [f"- {sentence(rng, 6)}" for _ in range(4)]
            out += ["", paragraph(rng)]
        if s == 2:
            out += ["", "```c", "static int step(struct node *n, int term)", "{",
                    "\tif (n->term < term)", "\t\tn->term = term;",
                    "\treturn n->commit;", "}", "```", "", paragraph(rng)]
        if s == 3:
            out += ["", "| Setting | Value | Effect |", "|:--|--:|:--|"]
            out += [f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} | {sentence(rng, 5)} |"
                    for _ in range(4)]
            out += ["", f"### Subsection {s}.1: {rng.choice(WORDS)}", "", paragraph(rng),
                    "", paragraph(rng)]
        if s == 4:
            out += ["", "> " + sentence(rng, 15), ">", "> " + sentence(rng, 12)]
            out += [""] + [f"{k}. {sentence(rng, 7)}" for k in range(1, 4)]
            out += ["", paragraph(rng) + "[^2]"]
        if s == 5:
            other = (i + 1) % n + 1
            out += ["", f"### Subsection {s}.1: {rng.choice(WORDS)}", "", paragraph(rng),
                    "", f"See also [article {other}](a{other:04d}.md)."]
    out += ["", "[^1]: " + sentence(rng, 10), "", "[^2]: " + sentence(rng, 12), ""]
    return meta, "\n".join(out)


def front_matter(meta):
    return "\n".join(["---", f'title: "{meta["title"]}"', f"date: {meta['date']}",
                      "tags: [" + ", ".join(meta["tags"]) + "]",
                      f'summary: "{meta["summary"]}"', "---", ""])


def plain_body(i, meta, body):
    """The article as part of one plain Markdown document."""
    body = re.sub(r"\[\^(\d+)\]", lambda m: f"[^a{i:04d}n{m.group(1)}]", body)
    body = re.sub(r"\]\(a(\d{4})\.md\)", r"](#a\1)", body)
    head = [f"# {meta['title']} {{#a{i:04d}}}", "",
            f"{meta['date']} · " + ", ".join(meta["tags"]), "",
            f"*{meta['summary']}*", ""]
    return "\n".join(head) + "\n" + body + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("dir", help="book folder to write")
    ap.add_argument("--plain", metavar="DIR2",
                    help="also write DIR2/book.md, the same content as plain Markdown")
    a = ap.parse_args()
    n, d = a.n, a.dir
    rng = random.Random(20261124)
    os.makedirs(os.path.join(d, "articles"), exist_ok=True)
    with open(os.path.join(d, "book.yml"), "w") as f:
        f.write(f"title: {TITLE}\nauthor: {AUTHOR}\nlanguage: en\n")
    plain = [f"---\ntitle: {TITLE}\nauthor: {AUTHOR}\nlang: en\n---\n"]
    for i in range(1, n + 1):
        meta, body = article(rng, i, n)
        with open(os.path.join(d, "articles", f"a{i:04d}.md"), "w") as f:
            f.write(front_matter(meta) + "\n" + body)
        if a.plain:
            plain.append(plain_body(i, meta, body))
    if a.plain:
        os.makedirs(a.plain, exist_ok=True)
        with open(os.path.join(a.plain, "book.md"), "w", encoding="utf-8") as f:
            f.write("\n".join(plain))


if __name__ == "__main__":
    main()
