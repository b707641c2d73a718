"""The main screen (`MainScreen`) and the parts it delegates to: its state (`base`), its keys
(`keys`), loading the index (`loading`), the reader's decisions (`decisions`), and the boards
and dialogs it opens (`overlays`)."""

from widgets.main.screen import MainScreen

__all__ = ["MainScreen"]
