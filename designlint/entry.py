"""The console script: answers ``--version`` before importing anything, then hands over to the CLI.

``designlint --version`` is what scripts and editors call to probe for the tool; it should not
pay for importing click and the command table.
"""

from __future__ import annotations

import sys


def run() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from designlint import __version__

        sys.stdout.write(f"designlint {__version__}\n")
        sys.exit(0)
    from designlint.cli import run as run_cli

    run_cli()
