"""HTML and Markdown the plugin generates, from Jinja2 templates users can override."""

from __future__ import annotations

import contextlib
import functools
import pickle
import traceback
from pathlib import Path

import jinja2

TEMPLATES_DIR = Path(__file__).parent / "templates"


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's own cache of compiled templates, in its folder for the user: a build after the
    first loads them rather than compiling them again, as Python does its modules. Each is
    keyed by its file and checked against its source. A folder that cannot be written to,
    or a file there that cannot be read, costs a compilation, never a build."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _compiled_templates() -> jinja2.BytecodeCache | None:
    try:
        return _CompiledTemplates()
    except (OSError, RuntimeError):  # no folder of the user's own for it
        return None


@functools.lru_cache(maxsize=8)
def environment(override_dir: str | None = None) -> jinja2.Environment:
    """Templates in ``override_dir`` win over the bundled ones of the same name."""
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(TEMPLATES_DIR))]
    if override_dir:
        loaders.insert(0, jinja2.FileSystemLoader(override_dir))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,  # everything rendered carries text from specs
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_compiled_templates(),
    )


class OverrideError(Exception):
    """An override failed while it rendered: ``file:line: what went wrong``."""


def render(name: str, override_dir: str | None = None, /, **context: object) -> str:
    try:
        return environment(override_dir).get_template(name).render(**context)
    except Exception as error:
        place = _override_line(error, override_dir)
        if place is None:
            raise  # a bundled template's failure is the plugin's own bug: its traceback
        raise OverrideError(f"{place}: {error}") from error


def _override_line(error: Exception, override_dir: str | None) -> str | None:
    """``file:line`` of the override where ``error`` was raised (the innermost, where one
    includes another), as Jinja puts it in the traceback; None if no override was running."""
    if not override_dir:
        return None
    folder = Path(override_dir).resolve()
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if Path(frame.filename).parent.resolve() == folder:
            return f"{frame.filename}:{frame.lineno}"
    return None


def broken_overrides(override_dir: str | None) -> list[str]:
    """Each override in ``override_dir`` (a file named as a bundled template) that does not
    compile, as ``file:line: message``: found before anything renders, where it would be a
    traceback in the middle of a page. Other files there are not the plugin's to read."""
    if not override_dir:
        return []
    env, found = environment(override_dir), []
    for bundled in sorted(TEMPLATES_DIR.iterdir()):
        path = Path(override_dir, bundled.name)
        if not path.is_file():
            continue
        try:
            env.get_template(bundled.name)
        except jinja2.TemplateSyntaxError as error:
            found.append(f"{path}:{error.lineno}: {error.message}")
        except (UnicodeDecodeError, OSError) as error:
            found.append(f"{path}: cannot be read as UTF-8 text ({error})")
    return found
