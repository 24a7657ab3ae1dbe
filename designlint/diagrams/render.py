"""Run Graphviz's ``dot`` on DOT sources and make SVGs small and self-contained.

Icons are found through ``-Gimagepath`` (the DOT names them relative to the icon root). By
default they are embedded into SVGs as ``data:`` URIs, so an SVG references nothing outside
itself; a site that shows many drawings asks for linked icons instead (:data:`LINKED_ICON`),
stores each icon file once and points every drawing at it. SVGs are then tidied
(:func:`designlint.diagrams.svg.optimise`). Several sources render concurrently, one ``dot``
process each.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

from designlint.errors import DesignlintError

RENDERED_FORMATS = ("svg", "png")
ICON_MODES = ("embed", "link")
LINKED_ICON = "designlint-icons/"
"""What a linked icon's address starts with; the rest is its path under the icon root."""
TIMEOUT_SECONDS = 60
INSTALL_HINT = "install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)"
_HREF = re.compile(r'(?P<attr>(?:xlink:)?href)="(?P<value>[^"]*)"')
_IMAGE = re.compile(r"<image(?P<attrs>(?:\s+[\w:-]+=\"[^\"]*\")*)\s*/>")
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")


class RenderError(DesignlintError):
    """Graphviz is missing or failed: exit code 2."""


def icon_root() -> Path:
    """The directory the ``diagrams`` package's icon paths (``resources/...``) are relative to."""
    import diagrams

    return Path(diagrams.__file__).resolve().parent.parent


def dot_program() -> str:
    found = shutil.which("dot")
    if found is None:
        raise RenderError(f"drawing needs the Graphviz 'dot' program, which is not on PATH: {INSTALL_HINT}")
    return found


@cache
def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _icon_path(value: str, root: Path) -> Path:
    path = (root / value).resolve()
    if not path.is_relative_to(root) or path.suffix != ".png" or not path.is_file():
        raise RenderError(f"the drawing links to '{value}', which is not one of the icons")
    return path


def embed_images(svg: str, root: Path) -> str:
    """Make the SVG self-contained: each icon file under ``root`` is stored once, as a data: URI.

    Every ``<image>`` of an icon becomes a ``<use>`` of one definition; definition ids are
    content hashes, so SVGs inlined into one page never clash.
    """
    definitions: dict[str, str] = {}

    def share(match: re.Match) -> str:
        attrs = dict(_ATTR.findall(match["attrs"]))
        href = attrs.pop("xlink:href", None) or attrs.pop("href", None)
        if href is None or href.startswith(("data:", "#")):
            return match[0]
        data = _data_uri(_icon_path(href, root))
        shape = {
            name: attrs.pop(name) for name in ("width", "height", "preserveAspectRatio") if name in attrs
        }
        ident = "icon-" + hashlib.sha256((data + repr(sorted(shape.items()))).encode()).hexdigest()[:16]
        if ident not in definitions:
            sized = "".join(f' {name}="{value}"' for name, value in shape.items())
            definitions[ident] = f'<image id="{ident}" xlink:href="{data}"{sized}/>'
        placed = "".join(f' {name}="{value}"' for name, value in attrs.items())
        return f'<use xlink:href="#{ident}"{placed}/>'

    svg = _IMAGE.sub(share, svg)
    if definitions:
        svg = _SVG_OPEN.sub(
            lambda m: m[0] + "\n<defs>\n" + "\n".join(definitions.values()) + "\n</defs>", svg, count=1
        )

    def inline(match: re.Match) -> str:  # any other link to a local file (other Graphviz versions)
        value = match["value"]
        if value.startswith(("data:", "#")):
            return match[0]
        return f'{match["attr"]}="{_data_uri(_icon_path(value, root))}"'

    return _HREF.sub(inline, svg)


def link_images(svg: str, root: Path) -> str:
    """Point each icon at ``designlint-icons/<path under the icon root>``, checked to be one of the icons."""

    def link(match: re.Match) -> str:
        value = match["value"]
        if value.startswith(("data:", "#", LINKED_ICON)):
            return match[0]
        path = _icon_path(value, root)
        return f'{match["attr"]}="{LINKED_ICON}{path.relative_to(root.resolve()).as_posix()}"'

    return _HREF.sub(link, svg)


def linked_icons(svg: str) -> list[str]:
    """The icon paths (under the icon root) a drawing made with linked icons refers to, sorted.

    A plain search for the marker :func:`link_images` writes: a site reads this for every drawing
    it publishes, and a pattern tried at every position of a drawing of several MiB is slow.
    """
    marker = f'href="{LINKED_ICON}'
    found: set[str] = set()
    start = svg.find(marker)
    while start >= 0:
        begin = start + len(marker)
        end = svg.find('"', begin)
        if end < 0:
            break
        found.add(svg[begin:end])
        start = svg.find(marker, end)
    return sorted(value for value in found if value)


def icon_bytes(relative: str) -> bytes:
    """The bytes of one linked icon; only the icon files of the ``diagrams`` package are read."""
    return _icon_path(relative, icon_root()).read_bytes()


def _run_dot(command: list[str], source: str, view: str) -> bytes:
    try:
        done = subprocess.run(
            command, input=source.encode("utf-8"), capture_output=True, timeout=TIMEOUT_SECONDS
        )
    except subprocess.TimeoutExpired:
        raise RenderError(f"Graphviz took longer than {TIMEOUT_SECONDS} s to draw the {view} view") from None
    except OSError as exc:
        raise RenderError(f"cannot run Graphviz 'dot': {exc.strerror or exc}; {INSTALL_HINT}") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(
            f"Graphviz failed to draw the {view} view: {reason[-1] if reason else 'no message'}"
        )
    return done.stdout


def render_all(sources: dict[str, str], fmt: str, icons: str = "embed") -> dict[str, bytes]:
    """Render each DOT source to ``fmt`` (``dot``, ``svg`` or ``png``); keys are kept, in order.

    ``icons`` is ``embed`` (self-contained SVGs) or ``link`` (see :data:`LINKED_ICON`).
    """
    if icons not in ICON_MODES:
        raise RenderError(f"unknown icon mode '{icons}' (expected embed or link)")
    if fmt == "dot":
        return {key: source.encode("utf-8") for key, source in sources.items()}
    if fmt not in RENDERED_FORMATS:
        raise RenderError(f"unknown diagram format '{fmt}' (expected dot, svg or png)")
    from concurrent.futures import ThreadPoolExecutor

    command = [dot_program(), f"-T{fmt}", f"-Gimagepath={icon_root()}"]
    with ThreadPoolExecutor(max_workers=max(1, len(sources))) as pool:
        futures = {key: pool.submit(_run_dot, command, source, key) for key, source in sources.items()}
        outputs = {key: future.result() for key, future in futures.items()}
    if fmt == "svg":
        from designlint.diagrams.svg import optimise

        root = icon_root()
        place = embed_images if icons == "embed" else link_images
        return {
            key: optimise(place(out.decode("utf-8"), root)).encode("utf-8") for key, out in outputs.items()
        }
    return outputs
