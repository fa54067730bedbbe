"""Files as CI services name them: relative to the checkout (the repository's root), whatever
folder the check ran in."""

from __future__ import annotations

from pathlib import Path


def located(path: str) -> Path:
    """``path`` (relative to the working folder, or absolute) made absolute, its folders
    resolved as a checkout's root is, its own name kept: a link keeps its own name."""
    given = Path(path).absolute()
    return given.parent.resolve() / given.name


def from_checkout(path: str, root: Path) -> str | None:
    """``path`` relative to ``root`` (resolved), with forward slashes; None outside it."""
    try:
        return located(path).relative_to(root).as_posix()
    except ValueError:
        return None
