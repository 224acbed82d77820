#!/usr/bin/env python3
"""same_pixels.py OLD.pdf NEW.pdf [--pages N] [--dpi D] - renders a sample of
pages of two PDFs with pdftoppm and says whether their pixels are identical.

The sample is N pages spread evenly over the document (default 40) plus
every page that shows a picture (pdfimages -list) or a form XObject, up to
N more; the two PDFs must have the same number of pages. Prints one line per
differing page and a summary; exit 0 when every sampled page is identical."""
import argparse
import os
import re
import subprocess
import sys
import tempfile


def pages_of(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def picture_pages(pdf):
    out = subprocess.run(["pdfimages", "-list", pdf], capture_output=True, text=True).stdout
    pages = set()
    for line in out.splitlines()[2:]:
        f = line.split()
        if f and f[0].isdigit():
            pages.add(int(f[0]))
    return pages


def render(pdf, page, dpi, d, tag):
    base = os.path.join(d, f"{tag}-{page}")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", pdf, base], check=True)
    with open(base + ".ppm", "rb") as f:
        data = f.read()
    os.unlink(base + ".ppm")
    return data


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--dpi", type=int, default=100)
    a = ap.parse_args()
    n = pages_of(a.old)
    if pages_of(a.new) != n:
        print(f"page counts differ: {n} and {pages_of(a.new)}")
        return 1
    sample = {1 + i * (n - 1) // max(1, a.pages - 1) for i in range(min(a.pages, n))}
    pics = sorted(picture_pages(a.old) | picture_pages(a.new))
    step = max(1, len(pics) // a.pages)
    sample |= set(pics[::step][:a.pages])
    differ = 0
    with tempfile.TemporaryDirectory() as d:
        for p in sorted(sample):
            if render(a.old, p, a.dpi, d, "old") != render(a.new, p, a.dpi, d, "new"):
                differ += 1
                print(f"page {p}: pixels differ")
    print(f"{len(sample)} pages compared at {a.dpi} dpi ({len(pics)} pages with pictures "
          f"in all), {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
