"""The grading guidance (``checklist.yaml`` beside this module): items, signals and L5/L6 contrasts.

It is data so the wording can be improved without touching the grading logic.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from designlint.rulepacks.model import Dimension

GUIDANCE_FILE = Path(__file__).resolve().parent / "checklist.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Signal(_Strict):
    """Something a staff-level design shows, counted in the design itself."""

    id: str
    label: str
    count: str | None = None
    present: list[str] = []
    where: dict[str, Any] = {}
    having: list[str] = []
    words: int = Field(default=0, ge=0)
    distinct: str | None = None
    min: int = Field(default=1, ge=1)
    core: bool = False
    adds: str

    @property
    def sections(self) -> str:
        """Where the signal is counted, as evidence: ``tradeoffs``, ``decisions[].alternatives``."""
        return self.count or ", ".join(self.present)

    @model_validator(mode="after")
    def _one_source(self) -> Signal:
        if (self.count is None) == (not self.present):
            raise ValueError(f"signal '{self.id}' needs exactly one of 'count' or 'present'")
        return self


class Item(_Strict):
    number: int
    dimension: Dimension | None = None
    title: str
    l5: str
    l6: str
    rules: list[str] = []
    """Rule codes that bear on the item beyond those tagged with its dimension."""
    signals: list[Signal]

    @property
    def key(self) -> str:
        """``A``-``J`` for the dimensions, the item number otherwise."""
        return self.dimension or str(self.number)


class Guidance(_Strict):
    items: list[Item]


@lru_cache(maxsize=1)
def load_guidance(path: Path = GUIDANCE_FILE) -> Guidance:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        return Guidance.model_validate(yaml.load(handle, Loader=loader))
