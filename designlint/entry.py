"""The console script: answers ``--version`` before importing anything, then hands over to the CLI.

``designlint --version`` is what scripts and editors call to probe for the tool; it should not
pay for importing click and the command table.
"""

from __future__ import annotations

import os
import sys


def run() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from designlint import __version__

        sys.stdout.write(f"designlint {__version__}\n")
        sys.exit(0)
    # designlint validates its own models only; discovering pydantic plugins scans every installed
    # distribution's metadata, which costs more than checking a design. A user's setting wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from designlint.cli import run as run_cli

    run_cli()
