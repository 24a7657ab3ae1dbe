"""What a caller does when a dependency fails: a sentence, or a mapping that names the strategy.

    fallback: Serve the cached page if there is one, otherwise trending content.
    fallback: {strategy: cached, description: Serve the cached page, else trending content}
    fallback: {strategy: fail, description: Fail the publish so the client retries}

Either way the model holds a :class:`FallbackText`, a ``str`` (the description, as everything
that shows a fallback expects) that also carries the ``strategy`` when the design names one. Only
the analysis decides what a plain sentence means (:func:`designlint.analysis.graph.fallback_strategy`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from designlint.model.base import Section

FallbackStrategy = Literal["degrade", "cached", "default", "queue", "fail"]
STRATEGY_TEXT = {
    "degrade": "degrade: serve less",
    "cached": "serve cached data",
    "default": "serve a default answer",
    "queue": "hold the work and replay it",
    "fail": "fail the request",
}
MAX_TEXT = 20_000


class FallbackPlan(Section):
    """A fallback with its strategy named."""

    strategy: FallbackStrategy = Field(
        description=(
            "degrade (serve less), cached (serve stale data), default (serve a default answer), "
            "queue (hold the work and replay it when the target is back), or fail (fail the request: "
            "not a fallback, the failure spreads to the caller)."
        )
    )
    """How the caller copes, e.g. ``cached``.

    - ``degrade``: serve less, e.g. the feed without ranking.
    - ``cached``: serve stale data from a cache.
    - ``default``: serve a default answer, e.g. trending content.
    - ``queue``: hold the work and replay it when the target is back.
    - ``fail``: fail the request; not a fallback, the failure spreads to the caller.
    """
    description: Annotated[str, Field(max_length=MAX_TEXT)] | None = Field(
        default=None, description="What the caller does, in words."
    )


class FallbackText(str):
    """A fallback as text, with ``strategy`` set when the design names one (None for a plain sentence)."""

    strategy: str | None

    def __new__(cls, text: str, strategy: str | None = None) -> FallbackText:
        made = super().__new__(cls, text)
        made.strategy = strategy
        return made

    def __reduce__(self):  # keep the strategy through copies and pickles (the result cache)
        return (FallbackText, (str(self), self.strategy))


def _validate_fallback(value: Any, validate_plan: core_schema.ValidatorFunctionWrapHandler) -> FallbackText:
    if isinstance(value, FallbackText):
        return value
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise PydanticCustomError(
                "string_too_long",
                "String should have at most {max_length} characters",
                {"max_length": MAX_TEXT},
            )
        return FallbackText(value)
    plan: FallbackPlan = validate_plan(value)
    return FallbackText(plan.description or STRATEGY_TEXT[plan.strategy], plan.strategy)


def _serialize_fallback(value: FallbackText) -> Any:
    if value.strategy is None:
        return str(value)
    return {"strategy": value.strategy, "description": str(value)}


class _FallbackAnnotation:
    """Pydantic hooks: a string as it is, a mapping validated as a FallbackPlan (errors at its keys)."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        plan_schema = handler.generate_schema(FallbackPlan)
        # Module-level hooks: the core schema pickles (it is cached between runs).
        return core_schema.no_info_wrap_validator_function(
            _validate_fallback,
            plan_schema,
            serialization=core_schema.plain_serializer_function_ser_schema(_serialize_fallback),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        plan = handler(schema["schema"]) if schema.get("type") == "function-wrap" else handler(schema)
        return {
            "anyOf": [{"type": "string", "maxLength": MAX_TEXT}, plan],
            "description": "What the caller does when the target is down or slow: a sentence, or "
            "{strategy, description} to say exactly whether the failure is contained.",
        }


Fallback = Annotated[str, _FallbackAnnotation]
"""A fallback: free text, or ``{strategy, description}``; validated into a :class:`FallbackText`."""
