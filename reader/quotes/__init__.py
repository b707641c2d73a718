"""Quotes: every direct quotation with its speaker (`extract`, `speakers`), and the statements
a story's quotes render, with their wordings aligned (`statements`)."""

from reader.quotes.extract import extract_quotes
from reader.quotes.model import Quote, QuoteVariant, Statement, StatementSummary

__all__ = ["Quote", "QuoteVariant", "Statement", "StatementSummary", "extract_quotes"]
