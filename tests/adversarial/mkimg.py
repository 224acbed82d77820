#!/usr/bin/env python3
"""mkimg.py - writes small (or deliberately broken) images for the adversarial cases.

  mkimg.py png OUT W H [--truncate N]     a real greyscale PNG, W x H pixels
  mkimg.py png-header OUT W H             a PNG whose header claims W x H, no real data
  mkimg.py jpeg OUT [--truncate N]        a real 16 x 16 JPEG
  mkimg.py jpeg-sof OUT W H               that JPEG with its frame header claiming W x H
  mkimg.py gif OUT [W H]                  a real 1 x 1 GIF (screen W x H if given)

--truncate N keeps the first N bytes only.
"""
import base64
import struct
import sys
import zlib

JPEG16 = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxO"
    "QERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2Nj"
    "Y2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAQABADASIAAhEBAxEB/8QAFQABAQAAAAAA"
    "AAAAAAAAAAAAAAP/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABf/EABQRAQAA"
    "AAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AJAEB7//2Q==")
SOF_AT = 158  # offset of the SOF0 marker in JPEG16


def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))


def png(w, h, real=True):
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)  # 8-bit greyscale
    if real:
        comp = zlib.compressobj(9)
        row = b"\x00" + b"\x80" * w
        data = b"".join(comp.compress(row) for _ in range(h)) + comp.flush()
    else:
        data = zlib.compress(b"\x00" * 64)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) +
            chunk(b"IEND", b""))


def gif(w=1, h=1):
    return (b"GIF89a" + struct.pack("<HH", w, h) + b"\x80\x00\x00" +
            b"\x00\x00\x00\xff\xff\xff" +
            b"\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3b")


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    trunc = None
    if "--truncate" in argv:
        trunc = int(argv[argv.index("--truncate") + 1])
        args.remove(str(trunc))
    kind, out = args[0], args[1]
    nums = [int(x) for x in args[2:]]
    if kind == "png":
        data = png(nums[0], nums[1])
    elif kind == "png-header":
        data = png(nums[0], nums[1], real=False)
    elif kind == "jpeg":
        data = JPEG16
    elif kind == "jpeg-sof":
        d = bytearray(JPEG16)
        assert d[SOF_AT:SOF_AT + 2] == b"\xff\xc0"
        d[SOF_AT + 5:SOF_AT + 9] = struct.pack(">HH", nums[1], nums[0])
        data = bytes(d)
    elif kind == "gif":
        data = gif(*nums) if nums else gif()
    else:
        sys.exit("unknown kind " + kind)
    if trunc is not None:
        data = data[:trunc]
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main(sys.argv[1:])
