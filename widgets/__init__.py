"""seedread's terminal UI, built on Textual, over the `reader` domain package."""
