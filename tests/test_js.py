"""The page script's plain-data parts (label placement), tested by node's own runner: tests/js/*.test.js."""

import shutil
import subprocess
from pathlib import Path

import pytest

JS_TESTS = Path(__file__).resolve().parent / "js"


def test_js_units():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node not installed")
    files = sorted(str(p) for p in JS_TESTS.glob("*.test.js"))
    result = subprocess.run([node, "--test", *files], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
