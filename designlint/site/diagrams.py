"""Diagrams for design pages, cached by content hash so an unchanged rebuild never runs Graphviz.

The key is a hash of the design's model (as JSON) and of the drawing code, so editing either
redraws; anything else is served from the cache folder. The folder sits in the checkout
(``build/.diagram-cache``), so what is in it is not trusted: entries are sealed when drawn and
an SVG is reused only when its seal is one designlint made for that key and view (an SVG opened
on its own runs its script), and no link in the folder is followed
(:mod:`designlint.engine.cache_folder`). Without Graphviz (or the optional drawing packages)
pages say diagrams are unavailable; the build does not fail.

Drawings link their icons rather than embed them: each icon file is published once
(:func:`designlint.site.layout.icon_file`) and :func:`place_icons` points a drawing at it from
wherever the drawing is published, so a site of many designs does not repeat the same pictures.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field

from designlint.engine.cache_folder import CacheFolder
from designlint.site.layout import icon_file

VIEW_TITLES = {
    "architecture": "Architecture",
    "failure": "Failure blast radius",
    "paths": "Request paths and latency budgets",
}
# Drawings of the largest designs are a few MiB; anything far larger is not one of ours.
MAX_DIAGRAM_BYTES = 32 * 1024 * 1024


@dataclass
class Diagrams:
    images: dict[str, bytes] = field(default_factory=dict)
    """view -> SVG bytes, in the order of :data:`VIEW_TITLES`."""
    unavailable: str | None = None
    """Why there are no images, when drawing was not possible."""


@dataclass(frozen=True)
class DrawingSize:
    """A drawing's own size in CSS pixels."""

    width: int
    height: int


_SVG_SIZE = re.compile(
    rb'<svg\b[^>]*?\swidth="(?P<width>\d+(?:\.\d+)?)pt"\s+height="(?P<height>\d+(?:\.\d+)?)pt"'
)
POINTS_TO_PIXELS = 96 / 72
SIZE_SEARCH_BYTES = 2048


def drawing_size(svg: bytes) -> DrawingSize | None:
    """The size Graphviz gave the drawing (in points, converted to pixels), when it says."""
    found = _SVG_SIZE.search(svg[:SIZE_SEARCH_BYTES])
    if found is None:
        return None
    return DrawingSize(
        round(float(found["width"]) * POINTS_TO_PIXELS), round(float(found["height"]) * POINTS_TO_PIXELS)
    )


def place_icons(svg: bytes, published_at: str) -> bytes:
    """The drawing with its icon links made relative to ``published_at`` (its docs-relative path)."""
    from designlint.diagrams.render import LINKED_ICON

    prefix = posixpath.relpath(icon_file(""), posixpath.dirname(published_at) or ".") + "/"
    marker = f'href="{LINKED_ICON}'.encode()
    return svg.replace(marker, f'href="{prefix}'.encode())


def draw(job: tuple[object, list[str]]) -> dict[str, bytes] | str:
    """One design's views as linked-icon SVGs, or why they cannot be drawn (run in a worker too)."""
    from designlint.diagrams import render_views
    from designlint.diagrams.render import RenderError

    design, views = job
    try:
        rendered = render_views(design, formats=("svg",), views=views, icons="link")
    except RenderError as error:
        return error.message
    return {view: rendered[view]["svg"] for view in views}


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
    def __init__(self, folder: CacheFolder | None):
        self.folder = folder
        self.rendered = 0
        self.reused = 0
        self._tool_missing: str | None = None
        self._fingerprint: str | None = None
        self.icons: dict[str, bytes] = {}
        """Docs-relative path -> bytes of every icon the drawings so far link to."""
        self._drawn_ahead: dict[str, dict[str, bytes] | str] = {}
        """Cache key -> drawings made by :meth:`draw_ahead` (or why they could not be made)."""
        self._keys: dict[int, tuple[object, str]] = {}

    def sibling(self) -> DiagramCache:
        """A cache over the same folder with counters and icons of its own (one per worker's share
        of the designs), sharing what was worked out once: the code's fingerprint and the tools."""
        other = DiagramCache(self.folder)
        other._fingerprint = self._renderer_fingerprint()
        other._tool_missing = self._tool_missing
        return other

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
        # Asked for twice per design (drawing ahead, then the page); the design is held with its
        # key so its id cannot be reused by another object meanwhile.
        known = self._keys.get(id(design))
        if known is not None and known[0] is design:
            return known[1]
        digest = hashlib.sha256(self._renderer_fingerprint().encode())
        digest.update(design.model_dump_json(by_alias=True).encode())
        key = digest.hexdigest()[:32]
        self._keys[id(design)] = (design, key)
        return key

    def draw_ahead(self, designs: list, jobs: int | None = None) -> None:
        """Draw the diagrams that are not cached yet in worker processes, one design per task, so
        the pages built afterwards, in their usual order, find them drawn. Nothing happens with
        fewer than two designs to draw, one core, or nothing to draw with."""
        pending: dict[str, tuple[object, list[str]]] = {}
        for design in designs:
            views = views_for(design)
            if views:
                key = self.key(design)
                if key not in pending and key not in self._drawn_ahead and not self._has(key, views):
                    pending[key] = (design, views)
        if jobs is None:
            from designlint.engine.parallel import default_jobs

            jobs = default_jobs()
        jobs = min(jobs, len(pending))
        if jobs < 2 or self.missing_tools() is not None:
            return
        import multiprocessing
        import threading
        from concurrent.futures import ProcessPoolExecutor

        # fork starts workers at once with designlint imported; a process with other threads
        # (a serving site) starts fresh ones instead.
        method = (
            "fork"
            if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
            else "spawn"
        )
        from concurrent.futures.process import BrokenProcessPool

        keys = sorted(pending)
        try:
            with ProcessPoolExecutor(
                max_workers=jobs, mp_context=multiprocessing.get_context(method)
            ) as pool:
                for key, drawn in zip(keys, pool.map(draw, [pending[key] for key in keys])):
                    self._drawn_ahead[key] = drawn
        except (BrokenProcessPool, OSError):
            pass  # workers could not run: the pages draw what is missing, one by one

    def diagrams(self, design) -> Diagrams:
        views = views_for(design)
        if not views:
            return Diagrams()
        key = self.key(design)
        cached = self._read(key, views)
        if cached is not None:
            problem = self._gather_icons(cached)
            if problem is not None:
                return Diagrams(unavailable=problem)
            self.reused += 1
            return Diagrams(images=cached)
        missing = self.missing_tools()
        if missing is not None:
            return Diagrams(unavailable=missing)
        images = self._drawn_ahead.pop(key, None) or draw((design, views))
        if isinstance(images, str):
            return Diagrams(unavailable=images)
        problem = self._gather_icons(images)
        if problem is not None:
            return Diagrams(unavailable=problem)
        self.rendered += 1
        self._write(key, images)
        return Diagrams(images=images)

    def _gather_icons(self, images: dict[str, bytes]) -> str | None:
        """Keep the icons these drawings link to; why they cannot be had, if so."""
        from designlint.diagrams.render import RenderError, icon_bytes, linked_icons

        for svg in images.values():
            for relative in linked_icons(svg.decode("utf-8", "replace")):
                target = icon_file(relative)
                if target in self.icons:
                    continue
                try:
                    self.icons[target] = icon_bytes(relative)
                except ImportError:
                    from designlint.diagrams import MISSING_PACKAGE

                    return MISSING_PACKAGE
                except (RenderError, OSError) as error:
                    return getattr(error, "message", None) or f"cannot read the icon '{relative}'"
        return None

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

    @property
    def problem(self) -> str | None:
        """Why the cache folder is not used (a link, not a folder, someone else's), once found."""
        return self.folder.problem if self.folder is not None else None

    @staticmethod
    def _entry(key: str, view: str) -> tuple[tuple[str, ...], str, bytes]:
        return (key[:2],), f"{key}.{view}.svg", f"diagram {key} {view}".encode()

    def _has(self, key: str, views: list[str]) -> bool:
        """Whether every view has an entry (not whether its seal holds: reading tells)."""
        if self.folder is None:
            return False
        return all(self.folder.has(*self._entry(key, view)[:2]) for view in views)

    def _read(self, key: str, views: list[str]) -> dict[str, bytes] | None:
        if self.folder is None:
            return None
        images = {}
        for view in views:
            inner, name, context = self._entry(key, view)
            image = self.folder.read(inner, name, context=context, limit=MAX_DIAGRAM_BYTES)
            if image is None:
                return None
            images[view] = image
        return images

    def _write(self, key: str, images: dict[str, bytes]) -> None:
        if self.folder is None:
            return
        try:
            for view, data in images.items():
                inner, name, context = self._entry(key, view)
                self.folder.write(inner, name, data, context=context)
        except OSError:
            pass  # a read-only or unusable cache only costs a redraw next time
