"""The domain package never pulls in the UI: checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys


def test_reader_imports_no_textual_or_rich() -> None:
    code = (
        "import sys, reader.cli, reader.store, reader.export, reader.search, reader.stories\n"
        "ui = {'textual', 'rich', 'widgets'}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ui)\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
