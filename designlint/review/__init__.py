"""``designlint diff``: what changed between two versions of a design, in review terms."""
