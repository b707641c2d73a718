"""What a build's progress says, stage by stage, in words (the CLI's line, the reader's
loading screen): counts and time left where a stage has many steps, what it is doing and the
seconds so far where it has a few long ones."""

from __future__ import annotations

from dataclasses import dataclass

STAGES = {
    "reading": ("Reading files", "files"),
    "extracting": ("Finding names, figures and quotes", "articles"),
    "stories": ("Finding the stories", "steps"),
    "linking": ("Linking names across articles", "steps"),
    "quotes": ("Linking quotes into statements", "steps"),
    "waiting": ("Waiting for another seedread building this index", "pid"),
}
"""A build stage's name -> (what it does, what it counts)."""

STEP_WORDS = {
    "stories": ("articles by event",),
    "linking": ("name spellings", "figures, indexes"),
    "quotes": ("variants of one utterance",),
}
"""What each step of a few-step stage works on (step 1 first); short, so that the whole
line fits in 80 columns."""

FEW_STEPS = 10
"""A stage with at most this many steps takes seconds per step: a rate or a time left
computed from them would say nothing ("0/s", or unchanged for 20 s)."""


@dataclass(frozen=True)
class ProgressText:
    """One progress report, in words."""

    stage: str
    """What the stage does: "Linking names across articles"."""
    count: str
    """How far: "1,200 / 37,524 articles", or "step 2 of 2: grouping the figures"."""
    pace: str
    """How fast: "342 articles per second · about 51 s left", or "12 s so far"."""


def describe(stage: str, done: int, total: int, elapsed: float) -> ProgressText:
    """The words for `done` of `total` units of `stage`, `elapsed` seconds into it."""
    title, unit = STAGES.get(stage, (stage.capitalize(), "steps"))
    so_far = f"{elapsed:.0f} s so far"
    if stage == "waiting":  # `total` is the pid of the seedread building the index
        return ProgressText(title, f"pid {total}" if total else "", f"{so_far}; read once ready")
    if total <= FEW_STEPS:
        if done >= total:
            return ProgressText(title, "done", so_far)
        words = STEP_WORDS.get(stage, ())
        doing = f": {words[done]}" if done < len(words) else ""
        return ProgressText(title, f"step {done + 1} of {total}{doing}", so_far)
    count = f"{done:,} / {total:,} {unit}"
    if done <= 0 or elapsed < 1:
        return ProgressText(title, count, so_far)  # no rate to speak of yet
    rate = done / elapsed
    left = (total - done) / rate
    return ProgressText(title, count, f"{rate:,.0f} {unit} per second · about {left:.0f} s left")
