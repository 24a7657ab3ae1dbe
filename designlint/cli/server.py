"""``designlint server``: the language server for editors (LSP over stdin and stdout)."""

from __future__ import annotations

import click

from designlint.errors import EXIT_CLEAN, EXIT_ERROR

INSTALL_HINT = "designlint server needs the language-server extra: pip install 'designlint[server]'"


@click.command()
@click.option(
    "--site-url",
    default=None,
    metavar="URL",
    help="Where the designs' site is published; diagnostics then link to its rule pages (URL/rules/CODE/).",
)
def server(site_url):
    """Run the language server on stdin and stdout, for editors.

    Findings appear as you type (the same as `designlint check`, under the same configuration),
    with hovers, go-to-definition, references, rename, completion of the design's own names and
    quick fixes. See docs/editors.md to set up VS Code, Neovim, Helix or Emacs.

    Exit codes: 0 when the editor shuts the server down; 2 when the language-server extra is missing.
    """
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        click.echo(f"designlint: {INSTALL_HINT}", err=True)
        return EXIT_ERROR
    from designlint.server.app import serve

    serve(site_url)
    return EXIT_CLEAN
