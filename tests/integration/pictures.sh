#!/usr/bin/env bash
# Pictures in the PDF: decoded page by page, so that peak memory does not
# grow with their number; the same file shown on several pages is one image
# object; the pixels embedded are the file's; two builds are identical.
source "$(dirname "$0")/lib.sh"

# book DIR N [deep]: N articles, each showing its own 1200 x 900 PNG (4.3 MB
# of pixels once decoded), and articles 1 and N also the same shared PNG.
# deep: the pictures have 16 bits a sample, so they are decoded to pixels
# before they are drawn (the others go into the PDF as they are), and each
# article opens with an SVG figure slow to draw (a link keeps it on the
# drawing thread; the same file each time, parsed once), so that the
# pictures' thread could run far ahead.
book() {
	python3 - "$1" "$2" "${3:-}" <<'PY'
import os, struct, sys, zlib
d, n, deep = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "deep"
os.makedirs(f"{d}/articles"); os.makedirs(f"{d}/images")
open(f"{d}/book.yml", "w").write("title: Pictures\n")
def png(path, w, h, seed):
    def chunk(k, data):
        c = k + data
        return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c))
    bits = 16 if deep else 8
    rows = b"".join(b"\0" + bytes((x * 7 + y * 3 + seed) % 251 for x in range(w * 3 * bits // 8))
                    for y in range(h))
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, bits, 2, 0, 0, 0))
                           + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b""))
png(f"{d}/images/shared.png", 64, 48, 0)
base = None
for i in range(1, n + 1):
    p = f"{d}/images/p{i}.png"
    if base is None:
        png(p, 1200, 900, 1)
        base = open(p, "rb").read()
    else:
        open(p, "wb").write(base)  # another file: a picture of its own
    extra = "\n\n![shared](../images/shared.png \"Shared\")" if i in (1, n) else ""
    slow = ""
    if deep:
        if i == 1:
            dots = "".join(f'<circle cx="{(k * 37) % 400}" cy="{(k * 53) % 300}" r="3"/>'
                           for k in range(4000))
            open(f"{d}/images/slow.svg", "w").write(
                '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
                f' width="400" height="300"><a xlink:href="https://example.org/">{dots}</a></svg>')
        slow = f"![slow {i}](../images/slow.svg \"Slow {i}\")\n\n"
    open(f"{d}/articles/a{i:02d}.md", "w").write(
        f"---\ntitle: Article {i}\ndate: 2020-01-{i:02d}\n---\n\nText {i}.\n\n{slow}"
        f"![picture {i}](../images/p{i}.png \"Picture {i}\"){extra}\n")
PY
}

rss() { # peak resident memory in kB of building book $1 as a PDF into $2
	# Under AddressSanitizer, its quarantine keeps up to 64 MB of freed
	# memory mapped on purpose: that is not the program's, so it is off here.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" \
		/usr/bin/time -f "%M" -o "$WORK/rss" "$BIN" build "$1" -f pdf -o "$2" -q ||
		fail "build of $1 failed"
	cat "$WORK/rss"
}

# peaks WHAT NAME LIMIT: the peak memory of building books $WORK/NAME-few
# and $WORK/NAME-many into $WORK/out-NAME-few and -many, into $few and
# $many; fails when the many take LIMIT kB or more than the few.
peaks() {
	few=$(rss "$WORK/$2-few" "$WORK/out-$2-few")
	many=$(rss "$WORK/$2-many" "$WORK/out-$2-many")
	echo "peak memory, $1: 3 of them $few kB, 30 of them $many kB"
	[ $((many - few)) -lt "$3" ] ||
		fail "peak memory grows with the number of $1: $few kB -> $many kB"
}

# Holding every picture would take 27 x 4.3 MB more; decoded page by page
# the difference is the size of the outputs and the layout, a few MB.
book "$WORK/plain-few" 3
book "$WORK/plain-many" 30
peaks pictures plain 40000
plain_few=$few plain_many=$many

# Pictures decoded to pixels (4.3 MB each) wait for their page within a
# budget of bytes (render/prefetch.c: 32 MB beyond the next one): 30 of
# them held at once would take 116 MB more than 3.
book "$WORK/deep-few" 3 deep
book "$WORK/deep-many" 30 deep
peaks "decoded pictures" deep 60000
deep_few=$few deep_many=$many
[ "$(pdfimages -list "$WORK/out-deep-many/pictures.pdf" | awk '$4 == 1200 && $5 == 900' | wc -l)" -eq 30 ] ||
	fail "not every decoded picture is in the PDF"

# SVG figures, each different and slow to parse and draw (4,000 shapes:
# some 7 MB once parsed): parsed for their size, held parsed within a
# budget and let go once drawn (picture.h). Held all to the end, 30 of them
# took 210 MB more than 3.
figures() {
	python3 - "$1" "$2" <<'PY'
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
os.makedirs(f"{d}/articles"); os.makedirs(f"{d}/images")
open(f"{d}/book.yml", "w").write("title: Figures\n")
for i in range(1, n + 1):
    dots = "".join(f'<circle cx="{(k * 37 + i) % 400}" cy="{(k * 53) % 300}" r="3"/>' for k in range(4000))
    open(f"{d}/images/f{i}.svg", "w").write(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">{dots}</svg>')
    open(f"{d}/articles/a{i:02d}.md", "w").write(
        f"---\ntitle: Article {i}\ndate: 2020-01-{i:02d}\n---\n\nText {i}.\n\n"
        f"![figure {i}](../images/f{i}.svg \"Figure {i}\")\n")
PY
}
figures "$WORK/svg-few" 3
figures "$WORK/svg-many" 30
peaks "SVG figures" svg 100000
svg_few=$few svg_many=$many
[ "$(pdftotext "$WORK/out-svg-many/figures.pdf" - | grep -c '^Figure [0-9]*$')" -eq 30 ] ||
	fail "not every SVG figure's caption is in the PDF"

pdf=$WORK/out-plain-many/pictures.pdf
pdfimages -list "$pdf" >"$WORK/list"
cat "$WORK/list" | head -5
# The shared picture, on two pages, is one object.
shared=$(awk '$4 == 64 && $5 == 48 {print $11}' "$WORK/list" | sort -u | wc -l)
uses=$(awk '$4 == 64 && $5 == 48' "$WORK/list" | wc -l)
[ "$uses" -eq 2 ] || fail "the shared picture is shown $uses times, not 2"
[ "$shared" -eq 1 ] || fail "the shared picture is embedded $shared times"

# The pixels in the PDF are the file's (pdfimages writes them as PPM).
pdfimages "$pdf" "$WORK/img"
python3 - "$WORK/plain-many/images/p1.png" "$WORK" <<'PY' || fail "the embedded pixels differ from the file's"
import glob, struct, sys, zlib
d = open(sys.argv[1], "rb").read()
w, h = struct.unpack(">II", d[16:24])
at, idat = 8, b""
while at < len(d):
    n = struct.unpack(">I", d[at:at + 4])[0]
    if d[at + 4:at + 8] == b"IDAT":
        idat += d[at + 8:at + 8 + n]
    at += 12 + n
raw = zlib.decompress(idat)  # rows of filter 0, as the book writes them
want = b"".join(raw[y * (w * 3 + 1) + 1:(y + 1) * (w * 3 + 1)] for y in range(h))
head = b"P6\n%d %d\n255\n" % (w, h)
found = [p for p in glob.glob(sys.argv[2] + "/img-*.ppm") if open(p, "rb").read() == head + want]
sys.exit(0 if found else 1)
PY

"$BIN" build "$WORK/plain-many" -f pdf -o "$WORK/again" -q || fail "second build failed"
cmp -s "$pdf" "$WORK/again/pictures.pdf" || fail "two builds differ"
pass "pictures: bounded memory ($plain_few -> $plain_many kB; decoded $deep_few -> $deep_many kB; SVG $svg_few -> $svg_many kB), shared picture embedded once, pixels kept, reproducible"
