"""A site's git history, read with the ``git`` command: one ``git log`` per build.

The ``git`` binary, not a library: it is on every machine that has the repository (CI
checkouts included), adds nothing to install, and one ``git log`` over the docs folder reads
every file's history at once, where a library would walk and diff each commit's tree.
"""

from __future__ import annotations

import datetime
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.check import Lifecycle
from ..core.lifecycle import Commit, parse_every
from ..core.rules import GIT_RULES

if TYPE_CHECKING:
    import subprocess

_RECORD, _UNIT = "\x1e", "\x1f"
# A commit's author date (strict ISO, the author's zone), author and subject, then its files.
_FORMAT = f"--format={_RECORD}%aI{_UNIT}%an{_UNIT}%s"


@dataclass(frozen=True)
class Unavailable:
    """Why git history cannot be read here: said once, in an info line."""

    reason: str


_NOT_IN_A_WORK_TREE = Unavailable("not in a git work tree")


class GitError(ValueError):
    """A git command failed where it should not have (a REF that names nothing): one line."""


@dataclass(frozen=True)
class Repository:
    git: str  # the binary
    top: Path  # the work tree's root, resolved
    shallow: bool = False  # a shallow clone: commits before its cut are not there

    def run(self, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        return _run(self.git, self.top, *args, input=input)

    def relative(self, path: Path) -> str | None:
        """``path`` as git names it (from the root, ``/``-separated); None if outside."""
        try:
            return path.resolve().relative_to(self.top).as_posix()
        except ValueError:
            return None


def _run(
    git: str, cwd: Path, *args: str, input: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    import subprocess  # here: a check outside any repository never loads it

    # Never a pager or a prompt; paths unquoted, so that names with accents read as written.
    env = {**os.environ, "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    return subprocess.run(
        [git, "-c", "core.quotePath=false", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        env=env,
        check=False,
    )


def repository(folder: Path, whole: bool = True) -> Repository | Unavailable:
    """The git work tree ``folder`` is in, with its full history unless not ``whole`` (a
    shallow clone may hold the commits asked for); else why not."""
    git = shutil.which("git")
    if git is None:
        return Unavailable("no `git` on PATH")
    if not folder.is_dir():
        return Unavailable(f"{folder} is not a folder")
    if not _may_be_in_repository(folder):
        return _NOT_IN_A_WORK_TREE
    found = _run(
        git, folder, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository",
        "--show-toplevel",
    )  # fmt: skip
    lines = found.stdout.decode("utf-8", "replace").splitlines()
    if found.returncode != 0 or len(lines) < 3 or lines[0] != "true":
        return _NOT_IN_A_WORK_TREE
    shallow = lines[1] == "true"
    if shallow and whole:
        return Unavailable("a shallow clone: its history is cut (fetch it with fetch-depth: 0)")
    return Repository(git, Path(lines[2]).resolve(), shallow)


def _may_be_in_repository(folder: Path) -> bool:
    """Whether git could find a repository from ``folder``: a ``.git`` there or above it, or
    ``GIT_DIR`` set. Where there is neither, no git process is started to say so."""
    if "GIT_DIR" in os.environ:
        return True
    here = folder.resolve()
    for parent in (here, *here.parents):
        try:
            if (parent / ".git").exists():
                return True
        except OSError:  # a folder it may not look into: let git decide
            return True
    return False


def histories(folder: Path) -> dict[Path, tuple[Commit, ...]] | Unavailable:
    """Every file's commits under ``folder`` (newest first), by resolved path: one ``git log``."""
    repo = repository(folder)
    if isinstance(repo, Unavailable):
        return repo
    # Renames not followed: each file's history as that file (--follow takes one path only).
    done = repo.run("log", "--no-renames", "--name-only", _FORMAT, "--", str(folder.resolve()))
    if done.returncode != 0:
        # A repository without commits yet: no history, not a failure.
        return {}
    found: dict[Path, list[Commit]] = {}
    for record in done.stdout.decode("utf-8", "replace").split(_RECORD)[1:]:
        header, _, names = record.partition("\n")
        date, author, subject = [*header.split(_UNIT), "", ""][:3]
        try:
            commit = Commit(datetime.date.fromisoformat(date[:10]), author, subject)
        except ValueError:
            continue
        for name in names.splitlines():
            if name:
                found.setdefault(repo.top / name, []).append(commit)
    return {path: tuple(commits) for path, commits in found.items()}


def texts_at(ref: str, files: list[Path], folder: Path) -> dict[Path, str | None] | Unavailable:
    """Each file's text at ``ref`` (None where it did not exist), under the name it had then
    where it was renamed since: one ``git diff`` and one ``git cat-file``.

    ``REF...`` means the merge base of REF and HEAD, as a pull request compares.
    """
    # REF's commit is all it needs: a shallow clone that holds it will do.
    repo = repository(folder, whole=False)
    if isinstance(repo, Unavailable):
        return repo
    if ref.endswith("..."):
        done = repo.run("merge-base", ref[:-3], "HEAD")
    else:
        done = repo.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    commit = done.stdout.decode().strip()
    if done.returncode != 0 or not commit:
        cut = (
            " (a shallow clone: fetch it, or check out with fetch-depth: 0)" if repo.shallow else ""
        )
        raise GitError(f"--since {ref}: names no commit of this repository{cut}")
    # A rename must not pass for a new file: a status moved back would go unseen.
    before = _renamed_since(repo, commit, folder)
    names = {path: repo.relative(path) for path in files}
    names = {path: before.get(name, name) if name else None for path, name in names.items()}
    asked = [path for path, name in names.items() if name is not None]
    query = "".join(f"{commit}:{names[path]}\n" for path in asked).encode("utf-8")
    done = repo.run("cat-file", "--batch", input=query)
    out, at = done.stdout, 0
    texts: dict[Path, str | None] = dict.fromkeys(files)
    for path in asked:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            texts[path] = out[at : at + size].decode("utf-8-sig", "replace")
            at += size + 1  # the content, then a newline
    return texts


def _renamed_since(repo: Repository, commit: str, folder: Path) -> dict[str, str]:
    """The files under ``folder`` renamed since ``commit``: new name -> the name they had."""
    done = repo.run(
        "diff", "-M", "--name-status", "-z", "--diff-filter=R", commit, "--", str(folder.resolve())
    )
    fields = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    # Each rename is three fields: its status (R and a similarity), the old name, the new.
    return {fields[i + 2]: fields[i + 1] for i in range(0, len(fields) - 2, 3)}


HISTORY_LENGTH = 5  # commits shown at the end of a page with `history: true`
SKIPPED = ", ".join(rule.code for rule in GIT_RULES)


def lifecycle(
    folder: Path,
    specs: Mapping[str, Path],
    review_every: str | None = None,
    history: bool = False,
    categories: Mapping[str, str] | None = None,
) -> Lifecycle | Unavailable:
    """What the lifecycle rules need of ``specs`` (name in the report -> file), from one
    read of ``folder``'s history; ``categories`` is the `statuses:` option."""
    found = histories(folder)
    if isinstance(found, Unavailable):
        return found
    by_name = {}
    for name, path in specs.items():
        commits = found.get(path.resolve())
        if commits:
            by_name[name] = commits
    return Lifecycle(
        by_name,
        parse_every(review_every) if review_every else None,
        review_every or "",
        HISTORY_LENGTH if history else 0,
        dict(categories or {}),
    )
