"""Diagrams for design pages, cached by content hash so an unchanged rebuild never runs Graphviz.

The key is a hash of the design's model (as JSON) and of the drawing code, so editing either
redraws; anything else is served from the cache folder. Without Graphviz (or the optional
drawing packages) pages say diagrams are unavailable; the build does not fail.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

VIEW_TITLES = {
    "architecture": "Architecture",
    "failure": "Failure blast radius",
    "paths": "Request paths and latency budgets",
}


@dataclass
class Diagrams:
    images: dict[str, bytes] = field(default_factory=dict)
    """view -> SVG bytes, in the order of :data:`VIEW_TITLES`."""
    unavailable: str | None = None
    """Why there are no images, when drawing was not possible."""


def views_for(design) -> list[str]:
    """The views that have something to draw for this design."""
    architecture = design.architecture
    views = []
    if architecture is not None and architecture.components:
        views += ["architecture", "failure"]
    if architecture is not None and architecture.paths:
        views.append("paths")
    return views


class DiagramCache:
    def __init__(self, folder: Path | None):
        self.folder = folder
        self.rendered = 0
        self.reused = 0
        self._tool_missing: str | None = None
        self._fingerprint: str | None = None

    def _renderer_fingerprint(self) -> str:
        """Changes whenever designlint's code does (drawing, blast-radius analysis, latency sums...)."""
        if self._fingerprint is None:
            import designlint
            from designlint.engine.cache import code_fingerprint

            self._fingerprint = hashlib.sha256(
                f"{designlint.__version__}:{code_fingerprint()}".encode()
            ).hexdigest()
        return self._fingerprint

    def key(self, design) -> str:
        digest = hashlib.sha256(self._renderer_fingerprint().encode())
        digest.update(design.model_dump_json(by_alias=True).encode())
        return digest.hexdigest()[:32]

    def diagrams(self, design) -> Diagrams:
        views = views_for(design)
        if not views:
            return Diagrams()
        key = self.key(design)
        cached = self._read(key, views)
        if cached is not None:
            self.reused += 1
            return Diagrams(images=cached)
        missing = self.missing_tools()
        if missing is not None:
            return Diagrams(unavailable=missing)
        from designlint.diagrams import render_views
        from designlint.diagrams.render import RenderError

        try:
            rendered = render_views(design, formats=("svg",), views=views)
        except RenderError as error:
            return Diagrams(unavailable=error.message)
        images = {view: rendered[view]["svg"] for view in views}
        self.rendered += 1
        self._write(key, images)
        return Diagrams(images=images)

    def missing_tools(self) -> str | None:
        """Why nothing can be drawn on this machine (checked once), or ``None``."""
        if self._tool_missing is None:
            from designlint.diagrams import MISSING_PACKAGE
            from designlint.diagrams.render import RenderError, dot_program

            try:
                import diagrams  # noqa: F401  (the optional drawing dependencies)
            except ImportError:
                self._tool_missing = MISSING_PACKAGE
            else:
                try:
                    dot_program()
                    self._tool_missing = ""
                except RenderError as error:
                    self._tool_missing = error.message
        return self._tool_missing or None

    def _path(self, key: str, view: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.{view}.svg"

    def _read(self, key: str, views: list[str]) -> dict[str, bytes] | None:
        if self.folder is None:
            return None
        try:
            return {view: self._path(key, view).read_bytes() for view in views}
        except OSError:
            return None

    def _write(self, key: str, images: dict[str, bytes]) -> None:
        if self.folder is None:
            return
        from designlint.fileio import write_atomic

        try:
            for view, data in images.items():
                write_atomic(self._path(key, view), data)
        except OSError:
            pass  # a read-only cache only costs a redraw next time
