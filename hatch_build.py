"""Wheel build hook: compile the hot modules with mypyc when this machine can.

Most of a cold index is spent in `reader/names/extract.py` and `reader/figures/`; compiled by
mypyc (a compiler for type-annotated Python, part of mypy) they run about 1.5x (names) and
1.1x (figures) faster, and a cold index takes about a fifth less time, with the same results
(`tests/test_compiled.py` compares them). Where compiling fails (no C compiler) or
`SEEDREAD_PURE=1` is set, the wheel is pure Python: the same program, slower to index.
Editable installs stay pure, so an edit to those files takes effect at once.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

COMPILED = (
    "reader/names/extract.py",
    "reader/figures/extract.py",
    "reader/figures/groups.py",
    "reader/figures/readings.py",
    "reader/figures/history.py",
    "reader/quotes/extract.py",
    "reader/quotes/speakers.py",
    "reader/quotes/statements.py",
    "reader/linking.py",
)
"""The hot modules: the name rules (not their word lists), figure extraction, readings and
grouping, quote extraction and attribution, and linking names into entities, which every
update of the index runs over all of the corpus' forms (`reader.COMPILED_MODULES` names the
same)."""


class CompileExtractors(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self.work: Path | None = None
        if self.target_name != "wheel" or version == "editable":
            return
        if os.environ.get("SEEDREAD_PURE", "") not in ("", "0"):
            self.app.display_info("seedread: SEEDREAD_PURE is set, the extractors stay Python")
            return
        self.work = Path(tempfile.mkdtemp(prefix="seedread-mypyc-"))
        try:
            built = self._compile(self.work)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - mypyc exits on internal errors
            self.app.display_warning(
                f"seedread: the extractors were not compiled ({type(exc).__name__}: {exc});"
                " installing them as plain Python (indexing takes about a quarter longer)"
            )
            return
        for path, dest in built:
            build_data["force_include"][str(path)] = dest
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def _compile(self, work: Path) -> list[tuple[Path, str]]:
        """Build the extension modules into `work`; returns (file, path in the wheel)."""
        from mypyc.build import mypycify
        from setuptools import Distribution

        here = os.getcwd()
        os.chdir(self.root)  # mypyc names the modules by their paths from here
        try:
            extensions = mypycify(
                [f"--cache-dir={work / 'mypy-cache'}", *COMPILED],
                opt_level="3",
                target_dir=str(work / "c"),
            )
            command = Distribution({"ext_modules": extensions}).get_command_obj("build_ext")
            command.build_lib = str(work / "lib")
            command.build_temp = str(work / "tmp")
            command.ensure_finalized()
            command.run()
        finally:
            os.chdir(here)
        lib = work / "lib"
        return [(p, p.relative_to(lib).as_posix()) for p in sorted(lib.rglob("*.so"))]

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
