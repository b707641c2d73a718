"""The boards: full-screen tables of facts side by side, each computed off the UI thread and
kept until the index changes (`screen.BoardScreen`): figures by outlet (`figures`), quotes
and their wordings (`quotes`), how outlets name an entity (`naming`), which outlets mention
which facts (`coverage`)."""
