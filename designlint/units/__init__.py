"""Quantities with units: the project's unit definitions, values with dimensions, and their display.

``Measure`` arithmetic is what the checks use; ``to_pint`` and ``registry`` give the same
numbers as pint quantities for anything that wants pint's API.
"""

from designlint.units.definitions import DEFINITIONS, UnitError, resolve_word
from designlint.units.measure import (
    DEFAULT_MONTH_SECONDS,
    DimensionError,
    Measure,
    UnitInfo,
    compatible,
    describe,
    from_quantity,
    measure,
    month_seconds_of,
    resolve_unit,
)

__all__ = [
    "DEFAULT_MONTH_SECONDS",
    "DEFINITIONS",
    "DimensionError",
    "Measure",
    "UnitError",
    "UnitInfo",
    "compatible",
    "describe",
    "from_quantity",
    "measure",
    "month_seconds_of",
    "registry",
    "resolve_unit",
    "resolve_word",
    "to_pint",
]


def registry():
    from designlint.units.pint_bridge import registry as build

    return build()


def to_pint(quantity, month_seconds: float = DEFAULT_MONTH_SECONDS):
    from designlint.units.pint_bridge import to_pint as convert

    return convert(quantity, month_seconds)
