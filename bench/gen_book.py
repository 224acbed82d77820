#!/usr/bin/env python3
"""gen_book.py N DIR - writes a deterministic synthetic collection of N
articles (about 1,400 words each, with headings, lists, code, tables, quotes,
footnotes and cross links) as an autochitect book folder."""
import os
import random
import sys

WORDS = ("replica leader follower quorum commit log entry term vote lease fence "
         "token shard partition queue buffer socket stream frame packet window "
         "latency throughput durable journal segment index cache page heap arena "
         "slab collector barrier pointer thread scheduler kernel driver protocol "
         "handshake congestion backoff retry timeout deadline budget capacity "
         "consensus gossip membership snapshot compaction checkpoint recovery").split()
TOPICS = ["Storage", "Networking", "Distributed Systems", "Runtime", "Compilers"]


def sentence(rng, n=None):
    n = n or rng.randint(8, 22)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def article(rng, i, n):
    topic = TOPICS[i % len(TOPICS)]
    tags = [topic, TOPICS[(i * 7 + 3) % len(TOPICS)], f"Series {i % 11}"]
    tags = list(dict.fromkeys(tags))
    day = 1 + (i * 13) % 28
    month = 1 + (i * 5) % 12
    out = ["---", f'title: "Synthetic Article {i:04d}"', f"date: 2025-{month:02d}-{day:02d}",
           "tags: [" + ", ".join(tags) + "]",
           f'summary: "A generated article about {rng.choice(WORDS)} and {rng.choice(WORDS)}."',
           "---", ""]
    out.append(paragraph(rng) + "[^1]")
    for s in range(1, 5):
        out += ["", f"## Section {s}: {rng.choice(WORDS)} {rng.choice(WORDS)}", "",
                paragraph(rng), "", paragraph(rng)]
        if s == 1:
            out += [""] + [f"- {sentence(rng, 6)}" for _ in range(4)]
        if s == 2:
            out += ["", "```c", "static int step(struct node *n, int term)", "{",
                    "\tif (n->term < term)", "\t\tn->term = term;",
                    "\treturn n->commit;", "}", "```"]
        if s == 3:
            out += ["", "| Setting | Value | Effect |", "|:--|--:|:--|"]
            out += [f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} | {sentence(rng, 5)} |"
                    for _ in range(4)]
        if s == 4:
            out += ["", "> " + sentence(rng, 15)]
            other = (i + 1) % n + 1
            out += ["", f"See also [article {other}](a{other:04d}.md)."]
    out += ["", "[^1]: " + sentence(rng, 10), ""]
    return "\n".join(out)


def main():
    n, d = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20261124)
    os.makedirs(os.path.join(d, "articles"), exist_ok=True)
    with open(os.path.join(d, "book.yml"), "w") as f:
        f.write("title: Synthetic Collection\nauthor: Generator\nlanguage: en\n")
    for i in range(1, n + 1):
        with open(os.path.join(d, "articles", f"a{i:04d}.md"), "w") as f:
            f.write(article(rng, i, n))


if __name__ == "__main__":
    main()
