# SVG figures whose data: pictures would take gigabytes once decoded.
mkdir -p "$1/images"
python3 - "$1/images" "$(dirname "$0")/../mkimg.py" <<'PY'
import base64, struct, subprocess, sys, zlib
out, mkimg = sys.argv[1], sys.argv[2]

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)

def png(w, h, raw):
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")

def image(data, kind="png", extra=""):
    return '<image width="10" height="10" %shref="data:image/%s;base64,%s"/>\n' % (
        extra, kind, base64.b64encode(data).decode())

def svg(name, body):
    with open("%s/%s" % (out, name), "w") as f:
        f.write('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                'width="200" height="200">\n' + body + "</svg>\n")

# 6000 x 6000 grey pixels (36 million, under the 40 million of one picture)
# compress to 35 kB: twenty of them would decode to 720 million pixels.
big = png(6000, 6000, (b"\0" + b"\x80" * 6000) * 6000)
svg("pixels.svg", "".join(image(big) for _ in range(20)))
svg("header.svg", image(png(100000, 100000, b"\0")))
small = png(1, 1, b"\0\x80")
svg("many.svg", "".join(image(small) for _ in range(5000)))
subprocess.run([sys.executable, mkimg, "jpeg-sof", out + "/huge.jpg", "60000", "60000"], check=True)
with open(out + "/huge.jpg", "rb") as f:
    jpeg = f.read()
svg("broken.svg", image(big[:-12]) + image(jpeg, "jpeg"))
# One picture drawn a thousand times through <use>.
svg("reuse.svg", '<defs><g id="p">' + image(big, extra='id="pic" ') + "</g></defs>\n" +
    "".join('<use href="#p" x="%d"/>\n' % i for i in range(1000)))
# One picture painted a thousand times as a pattern, from attributes and
# from a stylesheet.
tile = '<pattern id="p" width="1" height="1">' + image(big) + "</pattern>"
svg("pattern.svg", "<defs>" + tile + "</defs>\n" +
    "".join('<rect x="%d" width="10" height="10" fill="url(#p)"/>\n' % i for i in range(1000)))
svg("sheet.svg", "<style>rect { fill: url(#p) }</style><defs>" + tile + "</defs>\n" +
    "".join('<rect x="%d" width="10" height="10"/>\n' % i for i in range(1000)))
PY
rm -f "$1/images/huge.jpg"
