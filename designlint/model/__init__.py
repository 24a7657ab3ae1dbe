"""The design format: pydantic models are the single source of truth for the schema."""

from designlint.model.design import API_VERSION, Design
from designlint.model.quantity import Quantity, parse_quantity

__all__ = ["API_VERSION", "Design", "Quantity", "parse_quantity"]
