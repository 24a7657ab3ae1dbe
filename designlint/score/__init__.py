"""``designlint score``: grade a design against the L6 readiness checklist (items 1-11, dimensions A-J)."""
