"""The `seedread` console script: the CLI from `reader.cli`, with the Textual reader plugged in."""

from __future__ import annotations

import sys
from pathlib import Path


def open_reader(path: Path) -> int:
    """Run the Textual reader on the corpus at `path`; returns its exit status."""
    from widgets.app import make_app

    app = make_app(path)
    app.run()
    return app.return_code or 0


def main() -> None:
    """Entry point of the `seedread` command."""
    from reader.cli import main as cli_main

    sys.exit(cli_main(open_reader=open_reader))
