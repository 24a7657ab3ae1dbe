"""The design models' validators, kept in the user's cache folder between runs.

The models build their validators lazily (``defer_build``), and building the design's costs more
than checking a design: pydantic walks every model and annotation in Python to make the core
schema, then hands it to pydantic-core. The validator that results pickles as that schema and its
config (pydantic-core's own ``SchemaValidator.__reduce__``); unpickling rebuilds the Rust validator
from them in a few milliseconds. It returns the same model instances and raises the same errors as
``model_validate``, which calls exactly that validator.

The entry lives in ``$XDG_CACHE_HOME/designlint/model-validators/`` (else
``~/.cache/designlint/``), one per installation and model. Its seal covers designlint's version,
the size and time of the modules that define the models, the pydantic and pydantic-core versions
and the Python version, so any change there builds the validator again. Entries are sealed and
read as :mod:`designlint.engine.cache_folder` describes: only an entry designlint wrote for this
user is ever unpickled, never a file a repository holds. A miss, an unwritable cache or anything
that does not restore cleanly only means the validator is built as usual.

When pydantic plugins are enabled (``PYDANTIC_DISABLE_PLUGINS`` unset, as when designlint is used
as a library), the model's own validator is used, so the plugins see every validation.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from designlint.engine.cache_folder import CacheFolder, files_stamp, key_folder

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator

FOLDER = "model-validators"
ENTRY_FORMAT = 1
MAX_ENTRY_BYTES = 4 * 2**20
_PACKAGE = Path(__file__).resolve().parent.parent
# Besides the module that defines a model, the modules whose code shapes a core schema: the
# design models, and the number parsing their annotations call.
_SCHEMA_SOURCES = ("model", "units")
_PLUGINS_OFF = ("__all__", "1", "true")

_validators: dict[type, Callable[[Any], Any]] = {}


def model_validator(model: type) -> Callable[[Any], Any]:
    """``model.model_validate`` for plain data, with the validator read from the cache when it can be."""
    validate = _validators.get(model)
    if validate is None:
        validate = _validators[model] = _validator(model)
    return validate


def _validator(model: Any) -> Callable[[Any], Any]:
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS", "").lower() not in _PLUGINS_OFF:
        return model.model_validate
    name = hashlib.sha256(f"{_PACKAGE}\n{model.__module__}.{model.__qualname__}".encode()).hexdigest()[:40]
    context = _context(model)
    folder = CacheFolder(key_folder(), (FOLDER,))
    payload = folder.read((), name, context=context, limit=MAX_ENTRY_BYTES)
    if payload is not None:
        restored = _restore(payload, model)
        if restored is not None:
            return restored.validate_python
    built = _build(model)
    if built is None:
        return model.model_validate
    try:
        folder.write((), name, pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL), context=context)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # an unwritable cache or an unpicklable hook only costs the next run the build
    return built.validate_python


def _restore(payload: bytes, model: type) -> SchemaValidator | None:
    from pydantic_core import SchemaValidator

    try:
        restored = pickle.loads(payload)
    except Exception:  # an entry that does not restore cleanly is a miss, never an error
        return None
    if isinstance(restored, SchemaValidator) and restored.title == model.__name__:
        return restored
    return None


def _build(model: Any) -> SchemaValidator | None:
    """The model's own validator, built as its first validation would build it."""
    from pydantic_core import SchemaValidator

    model.model_rebuild()
    built = model.__pydantic_validator__
    return built if isinstance(built, SchemaValidator) else None


def _context(model: type) -> bytes:
    import pydantic_core
    from pydantic.version import VERSION

    import designlint

    return (
        f"model validator {ENTRY_FORMAT}\ndesignlint {designlint.__version__}\ncode {_code_stamp(model)}\n"
        f"pydantic {VERSION}\npydantic-core {pydantic_core.__version__}\npython {sys.version}\n"
        f"model {model.__module__}.{model.__qualname__}\n"
    ).encode()


def _code_stamp(model: type) -> str:
    """Size and time of every module that shapes the schema (the model's own, the design models and
    the number parsing they call): an edited model never restores the old validator."""
    defined_in = getattr(sys.modules.get(model.__module__), "__file__", None)
    modules = [Path(defined_in)] if defined_in else []
    for source in _SCHEMA_SOURCES:
        modules.extend(sorted((_PACKAGE / source).glob("*.py")))
    return files_stamp(modules)
