"""Multiwindow, multi-burn-rate alerting derived from an SLO's window and objective.

One implementation serves the burn-rate check and the monitoring export. The standard pairs
(from the SRE workbook's alerting chapter) page when 2 % of the budget goes in an hour or 5 % in
six hours, and open a ticket when 10 % goes in a day or in three days. A burn rate is how many
times faster than "exactly the budget over the window" errors arrive:

    burn rate = budget share spent x SLO window / alert window

so for 30 days: 0.02 x 720 h / 1 h = 14.4, 0.05 x 720 / 6 = 6, 0.10 x 720 / 24 = 3 and
0.10 x 720 / 72 = 1. Each alert also needs a short window (a twelfth of the long one) to stop
firing soon after the errors stop.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

HOUR = 3600.0
DAY = 86400.0
SHORT_WINDOW_SHARE = 12  # the short window is 1/12 of the long one (1 h -> 5 min)
TOLERANCE = 0.01  # a stated burn rate within 1 % of the derived one agrees


class BurnRateWindow(NamedTuple):
    """One condition of a multiwindow alert: both windows' error ratios above the threshold."""

    severity: str  # "page" or "ticket"
    long_seconds: float
    budget_share: float  # of the whole error budget, spent within the long window when it fires
    burn_rate: float

    @property
    def short_seconds(self) -> float:
        return self.long_seconds / SHORT_WINDOW_SHARE

    def error_ratio(self, objective: float) -> float:
        """The error ratio above which the condition holds: burn rate x (1 - objective)."""
        return self.burn_rate * (1 - objective)


STANDARD = (
    ("page", 1 * HOUR, 0.02),
    ("page", 6 * HOUR, 0.05),
    ("ticket", 1 * DAY, 0.10),
    ("ticket", 3 * DAY, 0.10),
)


def derived_windows(slo_window_seconds: float) -> list[BurnRateWindow]:
    """The standard page and ticket conditions for an SLO measured over ``slo_window_seconds``.

    Alert windows longer than the SLO window itself are left out (a 1-day SLO gets no 3-day alert).
    """
    return [
        BurnRateWindow(severity, long, share, share * slo_window_seconds / long)
        for severity, long, share in STANDARD
        if long < slo_window_seconds
    ]


def budget_share(burn_rate: float, alert_window_seconds: float, slo_window_seconds: float) -> float:
    """The share of the error budget a burn rate spends over an alert window."""
    return burn_rate * alert_window_seconds / slo_window_seconds


@dataclass(frozen=True)
class BurnRateDisagreement:
    index: int  # of the stated alert in the SLO's burnRateAlerts
    stated: float
    derived: BurnRateWindow


def disagreements(stated: list[tuple[float, float]], slo_window_seconds: float) -> list[BurnRateDisagreement]:
    """Stated ``(alert window seconds, burn rate)`` pairs at a standard window whose rate is not the derived one.

    The usual slip is copying 14.4 over 1 h from a 30-day SLO to an SLO over another window.
    """
    if not math.isfinite(slo_window_seconds) or slo_window_seconds <= 0:
        return []
    derived = {round(window.long_seconds): window for window in derived_windows(slo_window_seconds)}
    out = []
    for index, (window_seconds, rate) in enumerate(stated):
        if not (math.isfinite(window_seconds) and math.isfinite(rate)):
            continue  # not a burn rate anyone can alert on; the schema and number rules say so
        match = derived.get(round(window_seconds))
        if match is not None and abs(rate - match.burn_rate) > TOLERANCE * match.burn_rate:
            out.append(BurnRateDisagreement(index, rate, match))
    return out


def duration_text(seconds: float) -> str:
    """A duration in Prometheus and OpenSLO shorthand: 300 -> ``5m``, 86400 -> ``1d``."""
    for unit, size in (("d", DAY), ("h", HOUR), ("m", 60.0)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{int(seconds)}s"
