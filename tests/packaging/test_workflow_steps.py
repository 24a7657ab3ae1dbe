"""The GitHub workflow in docs/github-actions.md, run step by step on a pull request in a temp folder.

The runner is emulated, not the commands: each ``run:`` step is executed by bash as the runner
does (``bash -e``, in the workspace, with the step's ``env`` and ``${{ }}`` expressions filled
in), and ``if:`` decides whether it runs after a failed step. The ``uses:`` steps are emulated:
checkout clones the pull request's repository, setup-python puts this interpreter on PATH, cache
is a cold cache, upload-sarif accepts only a readable SARIF 2.1.0 file. Nothing reaches the
network: ``pip`` is a shim that accepts only the requirement the doc recommends and then puts this
checkout's designlint on PATH, and ``gh`` is a shim that records the comments it would post.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from tests.conftest import DESIGNS, ROOT
from tests.packaging.doc_blocks import only_block

DOC = ROOT / "docs" / "github-actions.md"
DATA = ROOT / "tests" / "data"
STEP_TIMEOUT_S = 120
PR_NUMBER = "17"
README = ROOT / "README.md"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Reviewer",
    "GIT_AUTHOR_EMAIL": "reviewer@example.org",
    "GIT_COMMITTER_NAME": "Reviewer",
    "GIT_COMMITTER_EMAIL": "reviewer@example.org",
}
_EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")

BROKEN_DESIGN = textwrap.dedent(
    """\
    apiVersion: designlint/v1
    kind: Design
    metadata:
      name: broken
      title: [unclosed
    """
)


def recommended_ref() -> str:
    """The tag or commit the README's install command pins (`git+${DESIGNLINT_GIT}@REF`)."""
    command = only_block(README, "bash", "git+${DESIGNLINT_GIT}").text
    found = re.search(r"git\+\$\{DESIGNLINT_GIT\}@([^\"\s]+)", command)
    assert found, "the README installs designlint from git+${DESIGNLINT_GIT}@REF"
    return found[1]


def workflow() -> dict:
    return yaml.safe_load(only_block(DOC, "yaml", "\njobs:\n").text)


def job() -> dict:
    (only_job,) = workflow()["jobs"].values()
    return only_job


@dataclass(frozen=True)
class StepResult:
    name: str
    exit_code: int | None  # None: skipped, as the runner skips a step after a failure
    output: str = ""


@dataclass
class Runner:
    """One job on one pull request: a workspace, a PATH of shims and the files GitHub provides."""

    root: Path
    origin: Path
    base: str
    head: str
    # The user's cache folder (compiled rule packs, the cache's key), shared by the runs of this
    # module as by the jobs of one self-hosted runner, so rule packs are compiled once.
    user_cache: Path
    unset: frozenset[str] = frozenset()  # expressions with no value (GitHub gives them "")
    results: list[StepResult] = field(default_factory=list)

    @property
    def workspace(self) -> Path:
        return self.root / "workspace"

    @property
    def shims(self) -> Path:
        return self.root / "shims"

    @property
    def summary(self) -> Path:
        return self.root / "step_summary.md"

    @property
    def comments(self) -> Path:
        return self.root / "comments.jsonl"

    @property
    def installs(self) -> Path:
        return self.root / "pip-installs.txt"

    def context(self) -> dict[str, str]:
        """The expressions the doc may use, with the values a pull_request event gives them."""
        return {
            # What the repository variable holds: the install the README recommends, from this clone.
            "vars.DESIGNLINT_SPEC": f"git+file://{ROOT}@{recommended_ref()}",
            "github.token": "test-token",
            "github.sha": self.head,
            "github.event.pull_request.base.sha": self.base,
            "github.event.pull_request.number": PR_NUMBER,
            "runner.os": "Linux",
        } | dict.fromkeys(self.unset, "")

    def expand(self, text: str) -> str:
        values = self.context()

        def value(match: re.Match) -> str:
            name = match[1].strip()
            assert name in values, f"the doc uses ${{{{ {name} }}}}, which this test does not provide"
            return values[name]

        return _EXPRESSION.sub(value, text)

    def environment(self, step: dict) -> dict[str, str]:
        env = {
            "PATH": os.pathsep.join([str(self.shims), "/usr/local/bin", "/usr/bin", "/bin"]),
            "HOME": str(self.root / "home"),
            "XDG_CACHE_HOME": str(self.user_cache),
            "LANG": "C.UTF-8",
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_OUTPUT": str(self.root / "github_output"),
            "GITHUB_ENV": str(self.root / "github_env"),
            "RUNNER_OS": "Linux",
            "RUNNER_TEMP": str(self.root / "runner_temp"),
        }
        env.update({key: self.expand(str(value)) for key, value in step.get("env", {}).items()})
        return env

    def should_run(self, step: dict) -> bool:
        condition = step.get("if", "success()")
        failed = any(r.exit_code not in (None, 0) for r in self.results)
        outcomes = {"always()": True, "success()": not failed, "failure()": failed}
        assert condition in outcomes, f"the doc's condition {condition!r} is not emulated"
        return outcomes[condition]

    def run_job(self) -> list[StepResult]:
        for path in (self.shims, self.root / "home", self.root / "runner_temp"):
            path.mkdir(parents=True, exist_ok=True)
        self.summary.touch()
        for step in job()["steps"]:
            name = step.get("name") or step["uses"].split("@")[0]
            if not self.should_run(step):
                self.results.append(StepResult(name, None))
            elif "uses" in step:
                action = step["uses"].split("@")[0]
                assert action in ACTIONS, f"the doc uses {action}, which this test does not emulate"
                code, output = ACTIONS[action](self, step.get("with", {}))
                self.results.append(StepResult(name, code, output))
            else:
                self.results.append(self.run_shell(name, step))
        return self.results

    def run_shell(self, name: str, step: dict) -> StepResult:
        assert step.get("shell", "bash") == "bash", "the test runs bash steps only"
        script = self.root / "runner_temp" / f"step{len(self.results)}.sh"
        script.write_text(self.expand(step["run"]), encoding="utf-8")
        done = subprocess.run(
            ["bash", "-e", str(script)],
            cwd=self.workspace / step.get("working-directory", "."),
            env=self.environment(step),
            capture_output=True,
            text=True,
            timeout=STEP_TIMEOUT_S,
        )
        return StepResult(name, done.returncode, done.stdout + done.stderr)

    def result(self, name: str) -> StepResult:
        (found,) = [r for r in self.results if r.name == name]
        return found


def write_script(path: Path, body: str) -> None:
    path.write_text(body, encoding="utf-8")
    path.chmod(0o755)


def checkout(runner: Runner, options: dict) -> tuple[int, str]:
    depth = [] if options.get("fetch-depth") == 0 else ["--depth", str(options.get("fetch-depth", 1))]
    git = ["git", "-c", "advice.detachedHead=false"]
    subprocess.run(
        [*git, "clone", "-q", *depth, f"file://{runner.origin}", str(runner.workspace)], check=True
    )
    subprocess.run([*git, "checkout", "-q", runner.head], cwd=runner.workspace, check=True)
    return 0, ""


def setup_python(runner: Runner, options: dict) -> tuple[int, str]:
    requires = SpecifierSet(_pyproject()["project"]["requires-python"])
    assert Version(str(options["python-version"])) in requires, "the doc's Python is one designlint supports"
    for name in ("python", "python3"):
        write_script(runner.shims / name, f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    write_script(runner.shims / "pip", PIP_SHIM.format(python=sys.executable, log=runner.installs))
    return 0, ""


def cache(runner: Runner, options: dict) -> tuple[int, str]:
    assert options["path"] == ".designlint_cache", "the cache step keeps designlint's result cache"
    return 0, "cache miss"


def upload_sarif(runner: Runner, options: dict) -> tuple[int, str]:
    sarif = runner.workspace / options["sarif_file"]
    if not sarif.is_file():
        return 1, f"{sarif.name} does not exist"
    try:
        log = json.loads(sarif.read_text(encoding="utf-8"))
    except ValueError as error:
        return 1, f"{sarif.name} is not JSON: {error}"
    if log.get("version") != "2.1.0" or log["runs"][0]["tool"]["driver"]["name"] != "designlint":
        return 1, f"{sarif.name} is not a designlint SARIF 2.1.0 log"
    return 0, "uploaded"


ACTIONS: dict[str, Callable[[Runner, dict], tuple[int, str]]] = {
    "actions/checkout": checkout,
    "actions/setup-python": setup_python,
    "actions/cache": cache,
    "github/codeql-action/upload-sarif": upload_sarif,
}

# `pip install REQ`: REQ must name designlint at a git URL or wheel; then `designlint` runs this
# checkout's package (what pip would have installed from it).
PIP_SHIM = """#!{python}
import json, sys
from pathlib import Path
from packaging.requirements import Requirement

args = sys.argv[1:]
assert args and args[0] == "install", f"pip shim: only 'pip install' is emulated, got {{args}}"
requirement = Requirement(args[-1])
if requirement.name != "designlint" or not requirement.url:
    sys.exit(f"pip shim: {{requirement}} is not designlint from a URL")
with open("{log}", "a", encoding="utf-8") as log:
    log.write(json.dumps({{"name": requirement.name, "url": requirement.url, "extras": sorted(requirement.extras)}}) + "\\n")
designlint = Path(__file__).with_name("designlint")
designlint.write_text('#!/bin/sh\\nexec "{python}" -m designlint "$@"\\n', encoding="utf-8")
designlint.chmod(0o755)
print(f"Successfully installed designlint from {{requirement.url}}")
"""

# `gh pr comment PR --body-file FILE [--edit-last]`: a pull request with no comment yet, so
# --edit-last fails as gh does and the doc's fallback posts a new one.
GH_SHIM = """#!{python}
import json, sys
from pathlib import Path

args = sys.argv[1:]
assert args[:2] == ["pr", "comment"], f"gh shim: only 'gh pr comment' is emulated, got {{args}}"
log = Path("{log}")
posted = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
if "--edit-last" in args and not posted:
    sys.exit("no comments found for current user")
body = Path(args[args.index("--body-file") + 1]).read_text(encoding="utf-8")
with log.open("a", encoding="utf-8") as handle:
    handle.write(json.dumps({{"pr": args[2], "body": body, "edit": "--edit-last" in args}}) + "\\n")
"""


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **GIT_IDENTITY},
    )
    return done.stdout.strip()


@dataclass(frozen=True)
class PullRequest:
    """A change to a repository with two clean designs, and what the workflow's steps should do."""

    name: str
    changes: dict[str, str]  # path in the repository -> new content
    check_exit: int
    annotation: str  # how the first finding's annotation starts ("" when there is none)
    findings_in_summary: bool  # more findings than GitHub annotates


def url_shortener_retitled() -> str:
    text = (DESIGNS / "url-shortener.yaml").read_text(encoding="utf-8")
    changed = re.sub(r"(?m)^(  title: ).*$", r"\1URL shortener (reviewed)", text, count=1)
    assert changed != text
    return changed


PULL_REQUESTS = [
    PullRequest("clean", {"designs/url-shortener.yaml": url_shortener_retitled()}, 0, "", False),
    PullRequest(
        "many-warnings",
        {"designs/thin.yaml": (DATA / "score" / "thin.yaml").read_text(encoding="utf-8")},
        1,
        "::warning file=designs/thin.yaml,line=",
        True,
    ),
    PullRequest(
        "unreadable-design",
        {"designs/broken.yaml": BROKEN_DESIGN},
        1,
        "::error file=designs/broken.yaml,line=6,",
        False,
    ),
]


def pull_request_repository(origin: Path, pull_request: PullRequest) -> tuple[str, str]:
    """The base commit (two clean designs and a configuration) and the pull request's head."""
    (origin / "designs").mkdir(parents=True)
    for name in ("url-shortener.yaml", "rate-limiter.yaml"):
        shutil.copy(DESIGNS / name, origin / "designs" / name)
    (origin / ".designlint.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "designs")
    base = git(origin, "rev-parse", "HEAD")
    for path, content in pull_request.changes.items():
        (origin / path).write_text(content, encoding="utf-8")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", pull_request.name)
    return base, git(origin, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def user_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("user-cache")


def run_job(folder: Path, pull_request: PullRequest, user_cache: Path, unset=frozenset()) -> Runner:
    base, head = pull_request_repository(folder / "origin", pull_request)
    runner = Runner(folder / "runner", folder / "origin", base, head, user_cache, unset)
    runner.shims.mkdir(parents=True)
    write_script(runner.shims / "gh", GH_SHIM.format(python=sys.executable, log=runner.comments))
    runner.run_job()
    return runner


@pytest.fixture(scope="module", params=PULL_REQUESTS, ids=lambda pr: pr.name)
def ran(request, tmp_path_factory, user_cache) -> tuple[PullRequest, Runner]:
    """The job, run once per pull request for all the tests below."""
    pull_request: PullRequest = request.param
    return pull_request, run_job(tmp_path_factory.mktemp(pull_request.name), pull_request, user_cache)


def test_the_gate_fails_exactly_when_a_design_has_findings(ran):
    pull_request, runner = ran
    # PyYAML reads the workflow's `on:` key as true.
    triggers = workflow()[True]["pull_request"]["paths"]
    assert all(any(fnmatch(path, glob) for glob in triggers) for path in pull_request.changes)
    outputs = "\n".join(f"--- {r.name}: {r.exit_code}\n{r.output}" for r in runner.results)
    assert runner.result("Check").exit_code == pull_request.check_exit, outputs
    # Findings are for code scanning: the SARIF step and its upload succeed either way.
    assert runner.result("SARIF for code scanning").exit_code == 0, outputs
    assert runner.result("github/codeql-action/upload-sarif").exit_code == 0, outputs
    everything_else = [r for r in runner.results if r.name != "Check"]
    assert all(r.exit_code == 0 for r in everything_else), outputs
    annotations = [line for line in runner.result("Check").output.splitlines() if line.startswith("::")]
    if pull_request.annotation:
        assert annotations[0].startswith(pull_request.annotation), outputs
    else:
        assert annotations == [], outputs


def test_the_install_step_installs_what_the_readme_recommends(ran):
    _, runner = ran
    (installed,) = [json.loads(line) for line in runner.installs.read_text(encoding="utf-8").splitlines()]
    assert installed == {"name": "designlint", "url": f"git+file://{ROOT}@{recommended_ref()}", "extras": []}


def test_the_review_is_commented_on_the_pull_request_and_written_to_the_job_summary(ran):
    pull_request, runner = ran
    review = (runner.workspace / "designlint-review.md").read_text(encoding="utf-8")
    (comment,) = [json.loads(line) for line in runner.comments.read_text(encoding="utf-8").splitlines()]
    assert comment == {"pr": PR_NUMBER, "body": review, "edit": False}
    for path in pull_request.changes:
        assert Path(path).name in review
    summary = runner.summary.read_text(encoding="utf-8")
    assert review in summary
    # More findings than GitHub annotates: the Check step lists every one in the summary.
    assert ("## designlint findings" in summary) == pull_request.findings_in_summary
    if pull_request.findings_in_summary:
        assert summary.count("| designs/thin.yaml |") == 13


def test_without_the_variable_the_install_step_stops_and_says_why(tmp_path, user_cache):
    runner = run_job(tmp_path, PULL_REQUESTS[0], user_cache, frozenset({"vars.DESIGNLINT_SPEC"}))
    install = runner.result("Install designlint")
    assert install.exit_code != 0 and "set the DESIGNLINT_SPEC variable" in install.output
    assert not runner.installs.exists(), "pip is not run with an empty requirement"
    assert runner.result("Check").exit_code is None, "the gate does not run without designlint"


def test_the_job_may_upload_code_scanning_results_and_comment():
    permissions = workflow()["jobs"]["designlint"]["permissions"]
    assert permissions["security-events"] == "write" and permissions["pull-requests"] == "write"
