"""The ``mkdocs-specs`` command line: check specs without building the site."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from .diagnostics import count
from .project import Report, check_sources, read_source
from .template import Template, TemplateError, load_template

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageProblem(click.ClickException):
    """A usage or configuration error: one clear line, exit code 2."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Settings:
    """The plugin settings the CLI needs, from mkdocs.yml or defaults."""

    specs_root: Path | None  # docs_dir/specs_dir when a mkdocs.yml is read
    template: Template
    index: Path | None  # the generated index page, which is not a spec


def load_settings(config_file: str | None, template: str | None) -> Settings:
    path = config_file or ("mkdocs.yml" if Path("mkdocs.yml").is_file() else None)
    if path is None:
        return Settings(None, _template(template), None)
    if not Path(path).is_file():
        raise UsageProblem(f"config file not found: {path}")
    options = _plugin_options(path)
    specs_root = Path(options["docs_dir"]) / options["specs_dir"]
    index = Path(options["docs_dir"]) / options["index"] if options["index"] else None
    return Settings(specs_root, _template(template or options["template"]), index)


def _template(path: str | None) -> Template:
    try:
        return load_template(path)
    except TemplateError as exc:
        raise UsageProblem(str(exc)) from exc


def _plugin_options(config_file: str) -> dict[str, str | None]:
    """The `specs` plugin's options, validated by MkDocs exactly as a build would."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from .plugin import SpecsPlugin

    try:
        config = load_config(config_file)
    except (ConfigurationError, OSError) as exc:
        raise UsageProblem(f"{config_file}: {exc}".strip()) from exc
    except SystemExit as exc:  # MkDocs' Abort on an invalid config
        raise UsageProblem(f"{config_file}: invalid configuration ({exc})") from exc
    plugin = next((p for p in config.plugins.values() if isinstance(p, SpecsPlugin)), None)
    settings = plugin.config if plugin else None
    return {
        "docs_dir": config.docs_dir,
        "specs_dir": settings.specs_dir if settings else "specs",
        "template": settings.template if settings else None,
        "index": settings.index if settings else "specs/index.md",
    }


def _shown(path: Path) -> str:
    """Paths under the working directory are shown relative to it, as people type them."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def collect(paths: tuple[str, ...], settings: Settings) -> list[tuple[Path, str]]:
    """The spec files to check, each with the path diagnostics should show."""
    found: dict[Path, str] = {}
    roots = [(Path(p), p) for p in paths]
    if not roots:
        if settings.specs_root is None:
            raise UsageProblem("no PATH given and no mkdocs.yml here (use -f or name files)")
        roots = [(settings.specs_root, _shown(settings.specs_root))]
    excluded = settings.index.resolve() if settings.index else None
    for root, shown in roots:
        if root.is_file():
            found.setdefault(root.resolve(), shown)
        elif root.is_dir():
            for file in sorted(root.rglob("*.md")):
                if file.is_file() and file.resolve() != excluded:
                    relative = str(file.relative_to(root))
                    found.setdefault(file.resolve(), os.path.join(shown, relative))
        else:
            raise UsageProblem(f"no such file or directory: {shown}")
    return [(path, shown) for path, shown in found.items()]


def run_check(paths: tuple[str, ...], config_file: str | None, template: str | None) -> Report:
    settings = load_settings(config_file, template)
    sources = [read_source(path, shown) for path, shown in collect(paths, settings)]
    return check_sources(sources, settings.template)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mkdocs-specs")
def main() -> None:
    """Validate, list and create specs written from a Markdown template."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False),
    help="mkdocs.yml to read the plugin's settings from (default: ./mkdocs.yml).",
)
@click.option(
    "-t",
    "--template",
    type=click.Path(dir_okay=False),
    help="Markdown template to check against (default: the plugin's, else bundled).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print the problems.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(
    paths: tuple[str, ...],
    config_file: str | None,
    template: str | None,
    output_format: str,
    strict: bool,
) -> None:
    """Check specs against the template without building the site.

    PATHs are spec files or folders; without them, the specs folder of mkdocs.yml.
    Exit status: 0 no errors, 1 problems found, 2 usage or configuration error.
    """
    report = run_check(paths, config_file, template)
    diagnostics = report.diagnostics
    if output_format == "json":
        click.echo(json.dumps([d.to_dict() for d in diagnostics], indent=2))
    else:
        for diagnostic in diagnostics:
            click.echo(diagnostic.format())
    errors, warnings = count(diagnostics)
    click.echo(f"Checked {len(report.specs)} specs: {report.summary()}.", err=True)
    sys.exit(EXIT_PROBLEMS if errors or (strict and warnings) else EXIT_OK)
