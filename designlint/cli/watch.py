"""``check --watch``: check, then check again whenever a design or a configuration file changes."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from designlint.errors import EXIT_ERROR, DesignlintError

_WATCHED_SUFFIXES = (".yaml", ".yml", ".toml")


def _relevant(changes: Iterable[tuple[Any, str]]) -> bool:
    return any(path.endswith(_WATCHED_SUFFIXES) for _change, path in changes)


def watch_and_rerun(paths: tuple[str, ...], check: Callable[[], int]) -> int:
    """Run ``check`` now and after every relevant change, until interrupted (Ctrl-C exits 0)."""
    try:
        from watchfiles import watch
    except ImportError:
        click.echo("designlint: --watch needs the watch extra: pip install 'designlint[watch]'", err=True)
        return EXIT_ERROR
    roots = sorted({str(Path(p).resolve() if Path(p).is_dir() else Path(p).resolve().parent) for p in paths})
    # The watcher starts before the first check, so a change made while it runs is not missed;
    # with yield_on_timeout the first step returns (empty) once the watch is in place.
    changes_seen = watch(*roots, debounce=200, raise_interrupt=False, yield_on_timeout=True, rust_timeout=500)
    next(changes_seen, None)
    _run_once(check)
    try:
        for changes in changes_seen:
            if changes and _relevant(changes):
                click.echo(f"\n[{time.strftime('%H:%M:%S')}] change detected, checking again", err=True)
                _run_once(check)
    except KeyboardInterrupt:
        pass
    return 0


def _run_once(check: Callable[[], int]) -> None:
    try:
        check()
    except DesignlintError as error:  # a broken file or config must not end the watch
        from designlint.cli.say import say

        say(error.format())
    click.echo("designlint: watching for changes (Ctrl-C to stop)", err=True)
