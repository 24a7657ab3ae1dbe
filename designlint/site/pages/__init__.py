"""Markdown for the generated pages: one design page per design, the index, the rule reference."""
