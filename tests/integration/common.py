"""common.py - what the Python checks of tests/integration share."""
import base64
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib


def run(*args):
    """A command's standard output; it must succeed."""
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def new_book(title):
    """A new book folder, with articles/ and images/, titled title."""
    book = os.path.join(tempfile.mkdtemp(), "book")
    os.makedirs(book + "/articles")
    os.makedirs(book + "/images")
    with open(book + "/book.yml", "w") as f:
        f.write(f"title: {title}\n")
    return book


def png_chunk(kind, data):
    """A PNG chunk: length, kind, data, checksum."""
    c = kind + data
    return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c))


def fail(msg):
    print("FAIL:", msg, file=sys.stderr)
    sys.exit(1)


def build(binary, book, formats, *extra):
    """Builds book with formats ("epub,pdf,trace") into a new folder; returns
    {extension: path} of what it wrote ("pdf", "epub", "trace")."""
    out = tempfile.mkdtemp()
    run(binary, "build", book, "-f", formats, "-o", out, "-q", *extra)
    return {f.rsplit(".", 1)[-1]: os.path.join(out, f) for f in os.listdir(out)}


class PdfObjects:
    """A PDF's objects from qpdf's JSON (they may sit in object streams,
    so the file's bytes are not read directly)."""

    def __init__(self, pdf, streams=False):
        """streams: also read every stream's data, decoded (stream_data)."""
        extra = ("--json-stream-data=inline", "--decode-level=generalized") if streams else ()
        full = json.loads(run("qpdf", "--json=2", *extra, pdf))
        self.pages = full["pages"]
        self.objs = full["qpdf"][1]
        self.trailer = self.objs["trailer"]["value"]

    def stream_data(self, ref):
        return base64.b64decode(self.objs["obj:" + ref]["stream"]["data"])

    def get(self, v):
        """v itself, or the value of the object it refers to ("12 0 R")."""
        if isinstance(v, str) and v.endswith(" R"):
            o = self.objs["obj:" + v]
            return o["value"] if "value" in o else o["stream"]["dict"]
        return v

    def dicts(self):
        """Every object that is a dictionary."""
        for k, o in self.objs.items():
            if k.startswith("obj:") and isinstance(o.get("value"), dict):
                yield o["value"]

    def named_dests(self):
        """{name: destination array} of the catalog's /Names /Dests tree."""
        out = {}

        def walk(node):
            node = self.get(node)
            names = node.get("/Names", [])
            for i in range(0, len(names) - 1, 2):
                d = self.get(names[i + 1])
                if isinstance(d, dict):
                    d = self.get(d.get("/D"))
                out[names[i][2:] if names[i].startswith("u:") else names[i]] = d
            for k in node.get("/Kids", []):
                walk(k)
        root = self.get(self.trailer["/Root"])
        names = self.get(root.get("/Names", {}))
        if "/Dests" in names:
            walk(names["/Dests"])
        return out
