"""The project's pint registry, built from :data:`designlint.units.definitions.DEFINITIONS` only.

pint's own default file defines thousands of units and takes about a second to load; ours is
a few dozen lines. The registry is built once, on first use: nothing on the ``designlint check``
path needs it (see :mod:`designlint.units.definitions`), so a check never imports pint.
"""

from __future__ import annotations

import functools
import threading

from designlint.units.definitions import DEFINITIONS, MONTH_WORDS, UnitError, resolve_word
from designlint.units.measure import DEFAULT_MONTH_SECONDS, from_quantity

_LOCK = threading.Lock()


@functools.cache
def registry():
    """A pint ``UnitRegistry`` holding exactly the project's units."""
    import pint

    ureg: pint.UnitRegistry[float] = pint.UnitRegistry(None, on_redefinition="raise", cache_folder=None)
    ureg.load_definitions(
        [line for line in DEFINITIONS.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    )
    return ureg


def _pint_word(ureg, word: str, month_seconds: float) -> str:
    """The pint name for a unit word, defining counts and month conventions on first sight."""
    if word in MONTH_WORDS:
        hours = month_seconds / 3600
        name = (
            "month_730h"
            if hours == 730
            else "month_30d"
            if hours == 720
            else f"month_{hours:g}h".replace(".", "_")
        )
        if name not in ureg:
            with _LOCK:
                if name not in ureg:
                    ureg.define(f"{name} = {hours!r} * hour")
        return name
    resolved = resolve_word(word, month_seconds)
    if resolved.count and resolved.dims == ((resolved.symbol, 1),):
        noun = resolved.symbol
        try:
            ureg.parse_unit_name(noun)
            if dict(ureg.get_root_units(noun)[1]._units) == {noun: 1}:
                return noun
        except Exception:
            pass
        with _LOCK:
            if noun not in ureg:
                ureg.define(f"{noun} = [{noun}]")
        return noun
    return word


def to_pint(quantity, month_seconds: float = DEFAULT_MONTH_SECONDS):
    """A model ``Quantity`` (or its unit text) as a pint quantity in the project's registry."""
    ureg = registry()
    measured = from_quantity(quantity, month_seconds)
    unit = ureg.dimensionless
    for symbol, exp in measured.display:
        unit = unit * ureg.Unit(_pint_word(ureg, symbol, month_seconds)) ** exp
    factor = ureg.Quantity(1, unit).to_root_units().magnitude
    if factor == 0:
        raise UnitError("unit has no size")
    return ureg.Quantity(measured.value / factor, unit)
