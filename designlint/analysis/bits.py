"""Bits written as bytes: a stated data figure against the data figures its rationale quotes.

Bits and bytes convert (8 bits a byte), so a correct design mixes them freely. The slip that
conversion cannot catch is a number carried over in the wrong unit: a NIC the rationale calls
``1 Gbps`` stated as ``1 GB/s``, eight times what it carries. That is what this finds: a figure
in the rationale, in the other unit family (bits against bytes), that the stated value equals
times 8 or divided by 8. Anything else (a correct conversion, an unrelated figure) is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from designlint.units import Measure, UnitError, measure, resolve_unit
from designlint.units.definitions import resolve_word
from designlint.units.measure import physical

BITS_PER_BYTE = 8.0
_CLOSE = 0.01
# A number and the unit word right after it: "1 Gbps", "10Gb/s", "125 MB/s". Possessive, so linear.
_FIGURE = re.compile(r"(?<![\w.,])([0-9][0-9,]*+(?:\.[0-9]++)?)\s?([A-Za-z]++(?:/[A-Za-z]++)?)")


@dataclass(frozen=True)
class BitByteSlip:
    index: int  # scale.quantities index
    name: str
    stated: object  # the model Quantity
    quoted: str  # the rationale's figure, as written
    ratio: float  # stated / quoted in base units: 8 (bits written as bytes) or 1/8


def _family(value: Measure) -> str | None:
    """``bits`` or ``bytes`` when the value's data unit says which, else None (no data unit)."""
    families = set()
    for symbol, _ in value.display:
        try:
            word = resolve_word(symbol)
        except UnitError:
            return None
        if any(base == "byte" for base, _ in word.dims):
            families.add("bits" if word.bits else "bytes")
    return families.pop() if len(families) == 1 else None


def _figures(text: str) -> list[tuple[str, Measure]]:
    found = []
    for match in _FIGURE.finditer(text):
        number, unit = match.groups()
        try:
            info = resolve_unit(unit)
        except UnitError:
            continue
        if not any(base == "byte" for base, _ in info.dims):
            continue
        found.append((match.group(), measure(float(number.replace(",", "")), unit)))
    return found


def bit_byte_slips(design, derivations) -> list[BitByteSlip]:
    """Stated data figures that are exactly 8 times (or an eighth of) a figure their rationale quotes in the other unit."""
    quantities = design.scale.quantities if design.scale else []
    slips = []
    for item in derivations.items:
        stated = item.stated_value
        rationale = (
            getattr(quantities[item.index], "rationale", None) if item.index < len(quantities) else None
        )
        if stated is None or not rationale or stated.value == 0:
            continue
        family = _family(stated)
        if family is None:
            continue
        for written, quoted in _figures(rationale):
            if _family(quoted) in (None, family) or physical(quoted.dims) != physical(stated.dims):
                continue
            ratio = stated.value / quoted.value if quoted.value else 0.0
            if any(abs(ratio / target - 1) <= _CLOSE for target in (BITS_PER_BYTE, 1 / BITS_PER_BYTE)):
                slips.append(BitByteSlip(item.index, item.name, item.stated, written, ratio))
                break
    return slips
