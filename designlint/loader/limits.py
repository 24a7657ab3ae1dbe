"""How much a design file may ask of the loader."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile or broken file from exhausting time or memory."""

    max_bytes: int = 8 * 1024 * 1024
    max_depth: int = 64  # nesting of mappings and sequences; the root mapping is depth 1
    max_nodes: int = 1_000_000  # values (not keys), counting each alias at its expanded size


DEFAULT_LIMITS = Limits()
