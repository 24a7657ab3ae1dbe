"""Numbers and sentences for generated designs."""

from __future__ import annotations

import math
import random

from bench import vocabulary as v
from bench.yamlemit import FlowMap
from designlint.units.definitions import singular

_SUFFIXES = (("B", 1e9), ("M", 1e6), ("K", 1e3))


def _digits(value: float, suffixes: bool) -> tuple[str, str]:
    """Three significant digits and a count suffix: (``"11.6"``, ``"K"``)."""
    scaled, suffix = value, ""
    if suffixes:
        for name, factor in _SUFFIXES:
            if abs(value) >= factor:
                scaled, suffix = value / factor, name
                break
    if scaled == 0:
        return "0", suffix
    decimals = max(0, 2 - math.floor(math.log10(abs(scaled))))
    digits = f"{scaled:.{decimals}f}"
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return digits, suffix


def shown(value: float, suffixes: bool = True) -> float:
    """The value ``number(value)`` writes: what a reader (and designlint) computes on from there."""
    digits, suffix = _digits(value, suffixes)
    return float(digits) * dict(_SUFFIXES).get(suffix, 1.0)


def number(value: float, unit: str = "", suffixes: bool = True) -> str:
    """A quantity as engineers write it: 3 significant digits, a count suffix, ``~`` when rounded."""
    digits, suffix = _digits(value, suffixes)
    exact = math.isclose(shown(value, suffixes), value, rel_tol=1e-9)
    text = ("" if exact else "~") + digits + suffix
    if unit:
        text += unit if unit.startswith("/") or unit in ("x", "%") else f" {unit}"
    return text


def cap(text: str) -> str:
    """First letter upper case, the rest untouched (unlike str.capitalize, which lowers "CPU")."""
    return text[:1].upper() + text[1:]


def money(amount: float, per: str = "/month") -> str:
    return f"${amount:,.2f}{per}" if amount < 100 else f"${amount:,.0f}{per}"


def money_shown(amount: float) -> float:
    """The amount ``money(amount)`` writes: cents below $100, whole dollars above."""
    return round(amount, 2) if amount < 100 else float(f"{amount:.0f}")


def price(amount: float, per: str) -> str:
    """A small unit price to three significant digits: ``~$0.000263/user/month``."""
    digits, _ = _digits(amount, False)
    exact = math.isclose(float(digits), amount, rel_tol=1e-9)
    return f"{'' if exact else '~'}${digits}{per}"


class Writer:
    """Sentences about one design, drawn from the word pools with the design's own generator."""

    def __init__(self, rng: random.Random, domain: v.Domain):
        self.rng = rng
        self.d = domain

    def pick(self, pool):
        return self.rng.choice(pool)

    def sentence(self) -> str:
        d, pick = self.d, self.pick
        templates = (
            lambda: (
                f"The {d.entity} path must stay {pick(v.ADJECTIVES)} even when {pick(v.CONCERNS)} hit the {d.store} tier."
            ),
            lambda: f"We rely on {pick(v.MECHANISMS)} to keep {pick(v.CONCERNS)} away from {d.audience}.",
            lambda: f"When {pick(v.SIGNALS)}, on-call should {pick(v.ACTIONS)} before anything else.",
            lambda: f"Most {d.audience} never notice a spike because {pick(v.MECHANISMS)} absorbs it.",
            lambda: f"This keeps the {d.store} {pick(v.ADJECTIVES)} and the operational load small.",
            lambda: (
                f"The main risk is {pick(v.CONCERNS)}; we accept it because the alternative is {pick(v.ADJECTIVES)} but far more expensive."
            ),
            lambda: f"Reads dominate writes, so the {d.store} is precomputed and kept {pick(v.ADJECTIVES)}.",
            lambda: (
                f"Every request to {d.reader} carries a deadline, and each hop spends only its share of it."
            ),
            lambda: f"Ownership is explicit: one team carries the pager for the {d.entity} write path.",
            lambda: (
                f"Capacity is planned for the peak hour, not the daily average, with 30% headroom for {pick(v.CONCERNS)}."
            ),
        )
        return pick(templates)()

    def prose(self, low: int = 1, high: int = 3) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def short(self) -> str:
        d, pick = self.d, self.pick
        return pick(
            (
                f"{pick(v.MECHANISMS)} in front of the {d.store}",
                f"keep the {d.entity} write path {pick(v.ADJECTIVES)}",
                f"avoid {pick(v.CONCERNS)} at peak",
                f"{pick(v.ACTIONS)} when {pick(v.SIGNALS)}",
                f"{d.store} stays {pick(v.ADJECTIVES)} under load",
            )
        )


class Draft(Writer):
    """The design being generated: its generator, its domain and the ids other sections refer to."""

    def __init__(self, index: int, rng: random.Random):
        super().__init__(rng, rng.choice(v.DOMAINS))
        # Authors either write small entries on one line, `{name: dau, value: 50M users}`, or a key a line.
        self.style = FlowMap if rng.random() < 0.5 else dict
        self.index = index
        self.name = f"{self.d.slug}-{index:04d}"
        self.teams: list[str] = []
        self.users: list[str] = []
        self.operations: list[tuple[str, float]] = []  # (operation id, p99 target in ms)
        self.use_cases: list[str] = []
        self.quantities: dict[str, float] = {}  # the values formulas see, by name
        self.units: dict[str, str] = {}  # the unit each quantity is stated in
        self.components: list[dict] = []
        self.architecture: dict = {}
        self.paths: list[str] = []
        self.runbooks: list[str] = []
        self.regions: dict | None = None  # the multi-region plan, drafted before the SLOs that depend on it
        self.dr_plan: dict = {}  # the DR tier with its RPO, RTO and replication

    @property
    def audience_unit(self) -> str:
        """The audience as a unit word: ``follower`` in ``writes/follower``."""
        return singular(self.d.audience)

    def ids(self, *kinds: str) -> list[str]:
        return [c["id"] for c in self.components if not kinds or c["kind"] in kinds]

    def some(self, pool, low: int, high: int) -> list:
        return self.rng.sample(list(pool), min(len(pool), self.rng.randint(low, high)))
