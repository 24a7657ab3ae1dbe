"""Shared building blocks of the design format."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from designlint.model.quantity import Quantity as _Quantity
from designlint.model.quantity import _QuantityAnnotation

Quantity = Annotated[_Quantity, _QuantityAnnotation]
"""A number as engineers write it (``200M``, ``12K/s``, ``300 ms``, ``99.9%``, ``$350/month``)."""

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        max_length=100,
        description="A stable identifier other sections refer to (letters, digits, '-', '_', '.').",
    ),
]
QuantityName = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
        max_length=100,
        description="A name usable in formulas (letters, digits and '_').",
    ),
]
Text = Annotated[str, Field(max_length=20_000)]
TextList = list[Text]


class Section(BaseModel):
    """Base of every part of a design: unknown keys are errors, keys are camelCase in YAML.

    Field docs are attribute docstrings; :mod:`designlint.schema` reads them into the JSON Schema
    (pydantic's ``use_attribute_docstrings`` would parse source on every start-up).
    """

    model_config = ConfigDict(
        extra="forbid",
        alias_generator=to_camel,
        populate_by_name=True,
        defer_build=True,
        validate_default=False,
        ser_json_inf_nan="constants",
    )
