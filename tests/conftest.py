"""Shared fixtures: real sites in tmp_path, built and served by real MkDocs."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
# What `check` says in a folder that is no git repository, as tmp_path is: the lifecycle
# rules are skipped (tests/test_lifecycle.py covers it).
NO_GIT = "Info: git rules skipped (review-overdue, stale-date): not in a git work tree\n"


def without_git_info(stderr: str) -> str:
    """``check``'s stderr without the line that says the git rules were skipped."""
    return stderr.replace(NO_GIT, "", 1)


TEMPLATE = REPO / "mkdocs_specs" / "core" / "bundled" / "technical-spec.md"


def shared(folder: str) -> Path:
    """``../shared/<folder>`` (real templates and specs, kept out of the repository): a test
    module that reads it fails, saying why, where it is missing.

    Called at collection time too (to parametrize), so that a missing folder fails the run
    loudly instead of quietly collecting no tests.
    """
    path = REPO.parent / "shared" / folder
    if not path.is_dir() or not any(path.iterdir()):
        pytest.fail(
            f"../shared/{folder} is missing (looked in {path}). The tests read it from the "
            "shared folder beside the repository (a worktree must sit beside it too); put it "
            "there.",
            pytrace=False,
        )
    return path


def require(found: bool, what: str, install: str) -> None:
    """Skip the test when a tool it drives (``what``, which ``install`` installs) is missing,
    saying so, but fail it under CI (``CI=true``): a run must not pass with tests left out."""
    if found:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing (`{install}`); CI must run these tests", pytrace=False)
    pytest.skip(f"{what} is missing (`{install}`): these tests are skipped")


def real_spec_paths() -> list[Path]:
    """The real specs of ``../shared/realspecs``."""
    return sorted(shared("realspecs").glob("*.md"))


def filled_spec(
    name: str = "Orders",
    status: str = "Approved",
    created: str = "2026-01-10",
    updated: str = "2026-02-01",
    version: str = "1.0",
    body: str | None = None,
) -> str:
    """A valid spec: the bundled template with every placeholder filled in."""
    import re

    text = TEMPLATE.read_text(encoding="utf-8")
    header, rest = text.split("\n## Overview", 1)
    header = (
        header.replace("[Component/System Name]", name)
        .replace("**Created**: [Date]", f"**Created**: {created}")
        .replace("**Last Updated**: [Date]", f"**Last Updated**: {updated}")
        .replace("[Draft | Review | Approved | Implemented]", status)
        .replace("[Name]", "Ada Lovelace")
        .replace("[Link to parent feature/epic]", "SHOP-1")
        .replace("[Specification version]", version)
    )
    # Entities named after the spec, so that several filled specs never define the same one.
    entity = re.sub(r"\W+", "", name.title()) or "Thing"
    for placeholder, filled in (
        ("[Entity Name]", f"{entity}Record"),
        ("[RelatedEntity]", f"{entity}Record"),
        ("[Table Name]", f"{entity.lower()}_records"),
        ("[resource]", entity.lower()),
        ("[event-name]", f"{entity.lower()}-changed"),
    ):
        rest = rest.replace(placeholder, filled)
    rest = body if body is not None else re.sub(r"\[([^\[\]\n]+)\](?!\()", r"\1", rest)
    return header + "\n## Overview" + rest


@dataclass
class Site:
    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def write(self, relative: str, text: str) -> Path:
        path = self.docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def html(self, relative: str) -> str:
        return (self.site_dir / relative).read_text(encoding="utf-8")

    def build(self, *args: str) -> subprocess.CompletedProcess[str]:
        """`mkdocs build` as a user runs it, in a fresh process."""
        return run([sys.executable, "-m", "mkdocs", "build", *args], cwd=self.root)

    def build_in_process(self, *, strict: bool = False, serving: bool = False) -> list[str]:
        """`mkdocs build` in this process, as its CLI runs it (with ``serving``, as `mkdocs
        serve` builds, into site_dir); the WARNING and ERROR lines.

        For sites that tests only read: a build in a fresh process costs a second more in
        imports. Exit codes and logs as users see them are left to `build`.
        """
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        with _logged() as lines:
            config = load_config(str(self.root / "mkdocs.yml"), strict=strict)
            config.plugins.on_startup(command="serve" if serving else "build", dirty=False)
            try:
                build(config, serve_url="http://127.0.0.1:8000/" if serving else None)
            finally:
                config.plugins.on_shutdown()
        return lines

    def config_errors(self) -> list[str]:
        """The lines `mkdocs build` logs for a bad mkdocs.yml before it aborts, in this process."""
        from mkdocs.config import load_config
        from mkdocs.exceptions import Abort

        with _logged() as lines, pytest.raises(Abort, match="configuration error"):
            load_config(str(self.root / "mkdocs.yml"))
        return lines

    def check(self, *args: str) -> subprocess.CompletedProcess[str]:
        return specs(self.root, "check", *args)


class _Lines(logging.Handler):
    """Log records at WARNING and above as MkDocs' CLI prints them: ``LEVEL -  message``."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<7} -  {record.getMessage()}")


@contextmanager
def _logged() -> Iterator[list[str]]:
    """The lines MkDocs' loggers print at WARNING and above while the block runs."""
    handler = _Lines()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)


# The console script, for the few tests that prove its wiring; the others use `specs`.
SCRIPT = str(Path(sys.executable).parent / "mkdocs-specs")


def specs(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs-specs ARGS` run from ``cwd`` in this process: its exit code, stdout, stderr.

    What the console script runs, without a fresh interpreter's second of imports.
    """
    from click.testing import CliRunner

    from mkdocs_specs.cli.main import main

    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(
            main, list(args), prog_name="mkdocs-specs", env={"NO_COLOR": "1", **env}
        )
    finally:
        os.chdir(previous)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(
        ["mkdocs-specs", *args], result.exit_code, result.stdout, result.stderr
    )


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def create_site(
    root: Path,
    pages: dict[str, str] | None = None,
    *,
    plugin: dict[str, object] | None = None,
    theme: str = "material",
    extra: dict[str, object] | None = None,
) -> Site:
    """A site at ``root`` (not built yet); module-scoped fixtures use it with tmp_path_factory."""
    site = Site(root)
    site.docs.mkdir(parents=True, exist_ok=True)
    config: dict[str, object] = {
        "site_name": "Specs",
        "theme": {"name": theme},
        "plugins": ["search", {"specs": plugin or {}}],
    }
    config.update(extra or {})
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    site.write("index.md", "# Home\n\nWelcome.\n")
    for relative, text in (pages or {}).items():
        site.write(relative, textwrap.dedent(text) if text.startswith("\n") else text)
    return site


@pytest.fixture
def make_site(tmp_path: Path):
    """Create a site: ``make_site({"specs/a.md": text}, plugin={...}, theme="material")``."""

    def factory(
        pages: dict[str, str] | None = None,
        *,
        plugin: dict[str, object] | None = None,
        theme: str = "material",
        extra: dict[str, object] | None = None,
        root: Path | None = None,
    ) -> Site:
        return create_site(
            root or tmp_path / "site-src", pages, plugin=plugin, theme=theme, extra=extra
        )

    return factory


POLL_INTERVAL = 0.05  # short: a serve rebuild takes a few tenths of a second


def poll_until(condition, timeout: float, what) -> None:
    """Return once ``condition()`` is true; fail after ``timeout`` seconds, naming ``what()``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what()}")
        time.sleep(POLL_INTERVAL)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`mkdocs serve` (with its file watcher: livereload on) on 127.0.0.1, stopped by its test."""

    def __init__(self, root: Path, *args: str) -> None:
        self.port = free_port()
        self.log_path = root / "serve.log"
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", *args],
            cwd=root,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1"},
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode("utf-8")

    def wait_for(self, path: str, predicate, timeout: float = 60) -> str:
        """Poll until the page at ``path`` satisfies ``predicate`` (rebuilds are async)."""
        found: list[str] = []

        def ready() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"mkdocs serve died:\n{self.output()}")
            try:
                page = self.get(path)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                return False
            found[:] = [page]
            return predicate(page)

        poll_until(ready, timeout, lambda: f"{path}; log:\n{self.output()}")
        return found[0]

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(encoding="utf-8")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture
def serve() -> Iterator:
    servers: list[Server] = []

    def start(site: Site, *args: str) -> Server:
        server = Server(site.root, *args)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
