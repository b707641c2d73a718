"""Figures: every number, percentage, sum and date in an article (`extract`), grouped across
articles (`groups`), with the words the rules know kept apart (`vocabulary`). Comparing and
writing values is `reader.values`."""

from reader.figures.extract import extract_figures
from reader.figures.groups import group_figures

__all__ = ["extract_figures", "group_figures"]
