"""common.py - what the Python checks of tests/integration share."""
import os
import subprocess
import sys
import tempfile


def run(*args):
    """A command's standard output; it must succeed."""
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def fail(msg):
    print("FAIL:", msg, file=sys.stderr)
    sys.exit(1)


def build(binary, book, formats, *extra):
    """Builds book with formats ("epub,pdf,trace") into a new folder; returns
    {extension: path} of what it wrote ("pdf", "epub", "trace")."""
    out = tempfile.mkdtemp()
    run(binary, "build", book, "-f", formats, "-o", out, "-q", *extra)
    return {f.rsplit(".", 1)[-1]: os.path.join(out, f) for f in os.listdir(out)}
