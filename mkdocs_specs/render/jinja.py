"""HTML and Markdown the plugin generates, from Jinja2 templates users can override."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

TEMPLATES_DIR = Path(__file__).parent / "templates"


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
    )


def render(name: str, override_dir: str | None = None, /, **context: object) -> str:
    return environment(override_dir).get_template(name).render(**context)


def broken_overrides(override_dir: str | None) -> list[str]:
    """Each template in ``override_dir`` that does not compile, as ``file:line: message``:
    found before anything renders, where it would be a traceback in the middle of a page."""
    if not override_dir:
        return []
    env, found = environment(override_dir), []
    for name in jinja2.FileSystemLoader(override_dir).list_templates():
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as error:
            found.append(f"{Path(override_dir, name)}:{error.lineno}: {error.message}")
    return found
