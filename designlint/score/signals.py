"""Measuring a signal: how much substance a design shows for it, with partial credit.

Each instance (a failure scenario, a rejected alternative, a scale number...) earns the share of
the signal's ``needs`` it answers; a wrong one (an unsuppressed finding of a ``faults`` rule
inside it) earns nothing. The signal's credit is what the instances earn over what it takes,
capped at 1.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from designlint.findings import Finding
from designlint.score.guidance import Signal
from designlint.score.measures import (
    COUNTS,
    MEASURES,
    Context,
    Instance,
    child,
    filled,
    is_prose,
    lookup,
    select,
)

MET, PARTIAL, ABSENT, ACCEPTED = "met", "partial", "absent", "accepted"


@dataclass(frozen=True)
class Shortfall:
    """One instance that does not earn full credit, and what it lacks ("no rollback")."""

    label: str
    lacks: tuple[str, ...]
    faulted_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class SignalResult:
    signal: Signal
    found: float
    """What the instances earn together (a half-answered one counts half)."""
    instances: int
    needed: int
    shortfalls: tuple[Shortfall, ...]
    accepted: bool = False
    """The rule that reports this gap is suppressed here with a reason."""

    @property
    def credit(self) -> float:
        return min(1.0, self.found / self.needed)

    @property
    def state(self) -> str:
        if self.credit >= 1.0:
            return MET
        if self.accepted:
            return ACCEPTED
        return PARTIAL if self.found > 0 else ABSENT


def measure(signal: Signal, context: Context, findings: Iterable[Finding], accepted: bool) -> SignalResult:
    """How much of ``signal`` the design shows; ``findings`` are its unsuppressed findings."""
    faults = [f for f in findings if f.code in signal.faults] if signal.faults else []
    needed = _needed(signal, context)
    if signal.present:
        instances = [inst for path in signal.present for inst in _present(context, path)]
    else:
        instances = [
            inst for path in signal.count for inst in select(context.design, path) if _matches(signal, inst)
        ]
    instances = [inst for inst in instances if inst.path not in context.placeholders]
    if signal.distinct:
        values = {str(value) for inst in instances if filled(value := lookup(inst.value, signal.distinct))}
        return SignalResult(signal, float(len(values)), len(instances), needed, (), accepted)
    found = 0.0
    shortfalls: list[Shortfall] = []
    for inst in instances:
        lacks = [_describe(need) for need in signal.needs if not _answers(need, inst, signal, context)]
        faulted = sorted(
            {f.code for f in faults if any(p[: len(inst.path)] == inst.path for p in _places(f))}
        )
        if faulted:
            shortfalls.append(Shortfall(inst.label, tuple(lacks), tuple(faulted)))
            continue
        if not signal.needs and isinstance(inst.value, str) and not filled(inst.value, signal.words):
            shortfalls.append(Shortfall(inst.label, (f"fewer than {signal.words} words",)))
            continue
        if lacks:
            shortfalls.append(Shortfall(inst.label, tuple(lacks)))
        found += (len(signal.needs) - len(lacks)) / len(signal.needs) if signal.needs else 1.0
    return SignalResult(signal, found, len(instances), needed, tuple(shortfalls), accepted)


def _places(finding: Finding) -> tuple:
    """Every document path a finding covers: its own and, for one gap found on many items, theirs."""
    return (finding.path, *(related.path for related in finding.related))


def _present(context: Context, path: str) -> list[Instance]:
    value = lookup(context.design, path)
    return [Instance(tuple(path.split(".")), value)] if filled(value) else []


def _needed(signal: Signal, context: Context) -> int:
    if signal.present:
        return max(signal.min, 1)
    if signal.per is None:
        return signal.min
    if signal.per.startswith("@"):
        base = COUNTS[signal.per[1:]](context)
    else:
        base = len(select(context.design, signal.per))
    return max(signal.min, math.ceil(signal.share * base))


def _matches(signal: Signal, inst: Instance) -> bool:
    for key, wanted in signal.where.items():
        value = lookup(inst.value, key)
        if isinstance(wanted, list):
            if value not in wanted:
                return False
        elif value != wanted:
            return False
    return True


def _answers(need: str, inst: Instance, signal: Signal, context: Context) -> bool:
    for option in need.split("|"):
        if option.startswith("@"):
            if MEASURES[option[1:]].test(inst.value, context):
                return True
        else:
            head, _, key = option.rpartition(".")
            parent = lookup(inst.value, head) if head else inst.value
            words = signal.words if is_prose(parent, key) else 0
            placeholder = (*inst.path, *option.split(".")) in context.placeholders
            if not placeholder and filled(child(parent, key), words):
                return True
    return False


def _describe(need: str) -> str:
    """What an instance lacks, as the evidence says it: "no detection or an alert on its component"."""
    return "no " + " or ".join(
        MEASURES[option[1:]].describe if option.startswith("@") else option for option in need.split("|")
    )
