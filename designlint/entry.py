"""The console script: answers ``--version`` before importing anything, then hands over to the CLI.

``designlint --version`` is what scripts and editors call to probe for the tool; it should not
pay for importing click and the command table.
"""

from __future__ import annotations

import gc
import os
import sys

# Start-up (click, pydantic and the design models, rule packs) creates some 60,000 objects that
# live as long as the process, and little cyclic garbage: at Python's default threshold (700) the
# collector runs about 90 times over them, some 6 % of a one-file check's CPU time. The engine
# freezes what is loaded and sets its own threshold while it checks files.
START_UP_YOUNG_THRESHOLD = 200_000


def run() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from designlint import __version__

        sys.stdout.write(f"designlint {__version__}\n")
        sys.exit(0)
    # designlint validates its own models only; discovering pydantic plugins scans every installed
    # distribution's metadata, which costs more than checking a design. A user's setting wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.argv[1:2] != ["server"]:  # the editor server runs for hours: Python's default suits it
        gc.set_threshold(START_UP_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    from designlint.cli import run as run_cli

    try:
        run_cli()
    finally:
        # Exiting, Python collects cycles over every object a few times (some 6 % of a one-file
        # check's instructions), only to free memory the process is about to hand back. Frozen
        # objects are not scanned; files are flushed and closed as before, by their owners and at
        # exit.
        gc.freeze()
