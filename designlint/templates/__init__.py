"""Scaffolds for ``designlint new``: templates that walk the five phases with a prompt per section.

Templates are ``*.yaml.tmpl`` files (so folder checks never mistake them for designs). A line
``# >> SECTION`` becomes that section's prompt from ``prompts.yaml``, preceded by its phase's
block when the section opens the phase. ``{{name}}``, ``{{title}}`` and ``{{modeline}}`` are
the only substitutions: plain text replacement, nothing is evaluated.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent
TEMPLATES = ("blank", "newsfeed", "rate-limiter")
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_MARKER = re.compile(r"^# >> ([A-Za-z]+)$")
_WIDTH = 100


@dataclass(frozen=True)
class Stage:
    title: str
    decide: str
    sections: tuple[str, ...]
    phase: int | None = None
    time: str | None = None


@dataclass(frozen=True)
class Prompts:
    stages: tuple[Stage, ...]
    sections: dict[str, str]

    def order(self) -> list[str]:
        """Every section a template may hold, in the order templates hold them."""
        return [section for stage in self.stages for section in stage.sections]


@lru_cache(maxsize=1)
def prompts() -> Prompts:
    import yaml

    data = yaml.safe_load((TEMPLATE_DIR / "prompts.yaml").read_text(encoding="utf-8"))
    stages = tuple(
        Stage(
            title=s["title"],
            decide=s["decide"],
            sections=tuple(s["sections"]),
            phase=s.get("phase"),
            time=s.get("time"),
        )
        for s in data["stages"]
    )
    return Prompts(stages=stages, sections=dict(data["sections"]))


def template_text(template: str) -> str:
    if template not in TEMPLATES:
        raise ValueError(f"unknown template '{template}'")
    return (TEMPLATE_DIR / f"{template}.yaml.tmpl").read_text(encoding="utf-8")


def title_for(name: str) -> str:
    words = re.split(r"[-_.]+", name)
    return " ".join(words).strip().capitalize() or name


def render(template: str, name: str, modeline: str) -> str:
    """The scaffold's text for a design called ``name`` (an identifier; see NAME_PATTERN)."""
    if not NAME_PATTERN.match(name) or len(name) > 100:
        raise ValueError(f"'{name}' is not a design name: use letters, digits, '-', '_' and '.'")
    catalogue = prompts()
    opening = {stage.sections[0]: stage for stage in catalogue.stages}
    lines: list[str] = []
    for line in template_text(template).splitlines():
        marker = _MARKER.match(line)
        if marker is None:
            lines.append(line)
            continue
        section = marker[1]
        if section in opening:
            lines.extend(_stage_block(opening[section]))
        lines.extend(_comment(f"{section}: {catalogue.sections[section]}"))
    text = "\n".join(lines) + "\n"
    # Quoted as JSON strings, which YAML reads as double-quoted scalars.
    return (
        text.replace("{{modeline}}", modeline)
        .replace("{{name}}", name)
        .replace("{{title}}", json.dumps(title_for(name)))
    )


def _stage_block(stage: Stage) -> list[str]:
    rule = "# " + "=" * (_WIDTH - 2)
    heading = f"Phase {stage.phase} of 5: {stage.title}" if stage.phase else stage.title
    if stage.time:
        heading += f" -- {stage.time}"
    return [rule, *_comment(heading), *_comment(f"Decide: {stage.decide}"), rule]


def _comment(text: str) -> list[str]:
    return ["# " + line for line in textwrap.wrap(text, _WIDTH - 2, break_long_words=False)]
