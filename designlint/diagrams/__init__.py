"""Architecture diagrams drawn from a design's model, never by hand.

Views (see :data:`VIEWS`):

``architecture``
    Components with icons chosen by kind, clustered by owning team; dependencies as edges
    labelled ``protocol · sync|async`` (asynchronous ones dashed); external components dashed
    and grey.
``failure``
    The same graph coloured by blast radius: how many user-facing request paths each
    component's failure loses (:func:`designlint.analysis.graph.failure_impacts`); edges
    show where a fallback or soft dependency contains a failure.
``paths``
    Each request path as a left-to-right chain of steps with their latency budgets, parallel
    groups side by side, and the total against the operation's ``nfr.latency`` target.

Library use (the site generator)::

    from designlint.diagrams import render_views
    images = render_views(design, formats=("svg",))
    images["architecture"]["svg"]  # bytes of a self-contained SVG

Output is deterministic: the same design gives the same bytes (node ids come from model ids,
ordering follows the document, nothing time-dependent is written), so results can be cached
by content hash. SVGs embed their icons as ``data:`` URIs and link to nothing outside
themselves (unless asked to link icons), and carry each element's full text as its hover
``<title>``. DOT needs only the ``diagrams`` package; SVG and PNG also need Graphviz's ``dot``
program, and raise :class:`designlint.diagrams.render.RenderError` (exit code 2) without it.

Importing this package is cheap: ``diagrams`` and ``graphviz`` are imported only when drawing.
"""

from __future__ import annotations

from collections.abc import Iterable

VIEWS = ("architecture", "failure", "paths")
FORMATS = ("svg", "png", "dot")
MISSING_PACKAGE = "drawing needs the optional 'diagrams' dependencies: pip install 'designlint[diagrams]'"


def scenes(design, views: Iterable[str] = VIEWS) -> dict:
    """view name -> :class:`~designlint.diagrams.scene.Scene` (what is drawn, before Graphviz)."""
    from designlint.diagrams.architecture import architecture_scene, failure_scene
    from designlint.diagrams.paths import paths_scene

    builders = {"architecture": architecture_scene, "failure": failure_scene, "paths": paths_scene}
    unknown = [view for view in views if view not in builders]
    if unknown:
        raise ValueError(f"unknown view(s) {', '.join(unknown)}; expected {', '.join(VIEWS)}")
    return {view: builders[view](design) for view in views}


def dot_sources(design, views: Iterable[str] = VIEWS) -> dict[str, str]:
    """view name -> DOT source, in the order of ``views``."""
    try:
        import diagrams  # noqa: F401  (the optional dependency group)
    except ImportError:
        from designlint.diagrams.render import RenderError

        raise RenderError(MISSING_PACKAGE) from None
    from designlint.diagrams.draw import to_dot

    return {view: to_dot(scene) for view, scene in scenes(design, views).items()}


def render_views(
    design, formats: Iterable[str] = ("svg",), views: Iterable[str] = VIEWS, icons: str = "embed"
) -> dict[str, dict[str, bytes]]:
    """view name -> format -> bytes, for each requested view and format (``svg``, ``png``, ``dot``).

    ``icons="link"`` makes SVGs refer to icon files instead of embedding them
    (:data:`designlint.diagrams.render.LINKED_ICON`), for a site that stores each icon once.
    """
    formats = list(formats)
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)}; expected {', '.join(FORMATS)}")
    from designlint.diagrams.render import render_all

    sources = dot_sources(design, views)
    result: dict[str, dict[str, bytes]] = {view: {} for view in sources}
    for fmt in formats:
        for view, data in render_all(sources, fmt, icons).items():
            result[view][fmt] = data
    return result
