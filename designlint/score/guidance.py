"""The grading guidance (``checklist.yaml`` beside this module): items, signals and L5/L6 contrasts.

It is data so the wording and the weights can be improved without touching the grading logic.
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
    """Something a staff-level design shows, measured in the validated design itself."""

    id: str
    label: str
    count: list[str] = []
    """Where the instances are: dotted paths, ``name[]`` walks into every item of a list."""
    present: list[str] = []
    """Instead of ``count``: how many of these paths are filled in."""
    where: dict[str, Any] = {}
    """Only instances whose fields equal these values (a list: one of them)."""
    needs: list[str] = []
    """What each instance must say; an instance earns the share it says. ``a|b``: either;
    ``@name``: a structural measure from :mod:`designlint.score.measures`."""
    words: int = Field(default=0, ge=0)
    """A text answer counts only with at least this many words."""
    distinct: str | None = None
    """Count the different values of this field instead of the instances."""
    min: int = Field(default=1, ge=1)
    """How many full instances it takes for full credit."""
    per: str | None = None
    """Scale the need with the design: at least ``share`` of the instances at this path (or
    ``@name``) must be matched, e.g. one failure scenario per two components."""
    share: float = Field(default=1.0, gt=0, le=1)
    faults: list[str] = []
    """Rule codes whose unsuppressed finding inside an instance voids its credit (a wrong number
    is not substance)."""
    rule: str | None = None
    """The rule that reports the same gap: when its finding is suppressed with a reason, the gap
    is shown as accepted."""
    core: bool = False
    """A Strong grade needs this signal at least half met."""
    weight: float = Field(default=1.0, gt=0)
    adds: str

    @property
    def sections(self) -> str:
        """Where the signal is measured, as evidence: ``tradeoffs``, ``decisions[].alternatives``."""
        return ", ".join(self.count or self.present)

    @model_validator(mode="before")
    @classmethod
    def _count_as_list(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("count"), str):
            data = {**data, "count": [data["count"]]}
        return data

    @model_validator(mode="after")
    def _one_source(self) -> Signal:
        if bool(self.count) == bool(self.present):
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
