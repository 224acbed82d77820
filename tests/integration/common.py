"""common.py - what the Python checks of tests/integration share."""
import subprocess
import sys


def run(*args):
    """A command's standard output; it must succeed."""
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def fail(msg):
    print("FAIL:", msg, file=sys.stderr)
    sys.exit(1)
