"""Quotes: every direct quotation with its speaker (`extract`, `speakers`), and the statements
a story's quotes render, with their wordings aligned (`statements`)."""

from reader.quotes.extract import extract_quotes
from reader.quotes.model import Quote, Statement

__all__ = ["Quote", "Statement", "extract_quotes"]
