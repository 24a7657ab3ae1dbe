"""Run one command in a fresh process and report its wall time and peak memory.

    python bench/measure.py STDOUT_FILE -- COMMAND [ARG...]

Prints one JSON object: ``{"wall_s", "cpu_s", "peak_rss_kib", "returncode", "stderr"}``. This process is the
command's only parent, so ``RUSAGE_CHILDREN`` holds exactly the command's peak resident set
(the largest of it and anything it waited for); the command's output goes to STDOUT_FILE.
Linux carries the forked child's size across exec, so figures below this small process's own
resident set (about 10 MiB) read as that; every command measured here is larger.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def measure(command: list[str], stdout_path: str) -> dict:
    with open(stdout_path, "wb") as out:
        start = time.perf_counter()
        completed = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, check=False)
        wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,  # less sensitive than wall time to other load
        # ru_maxrss is in KiB on Linux and in bytes on macOS.
        "peak_rss_kib": usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss,
        "returncode": completed.returncode,
        "stderr": completed.stderr.decode("utf-8", "replace")[-2000:],
    }


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print("usage: python bench/measure.py STDOUT_FILE -- COMMAND [ARG...]", file=sys.stderr)
        return 2
    print(json.dumps(measure(argv[2:], argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
