"""Regenerate docs/screenshot.svg: the app's own screenshot of the seeds, death toll chosen.

Run: python docs/make_screenshot.py
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


async def main() -> None:
    from widgets.app import make_app

    app = make_app(None)
    async with app.run_test(size=(140, 40)) as pilot:
        while getattr(app.screen, "index", None) is None:
            await pilot.pause(0.01)
        await pilot.pause()
        screen = app.screen
        screen.sidebar.focus()
        await pilot.pause()
        screen.sidebar.select_fact("f:palestinians-killed")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot(filename="screenshot.svg", path=str(HERE))


if __name__ == "__main__":
    # A private cache and state, so the picture never depends on the user's read marks.
    scratch = tempfile.mkdtemp(prefix="seedread-shot-")
    os.environ["XDG_CACHE_HOME"] = os.path.join(scratch, "cache")
    os.environ["XDG_DATA_HOME"] = os.path.join(scratch, "data")
    asyncio.run(main())
