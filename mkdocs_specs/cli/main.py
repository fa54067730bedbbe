"""The ``mkdocs-specs`` command line: check, list and create specs without building the site."""

from __future__ import annotations

import functools
import gc
import json
import sys
import traceback
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click

from ..core.baseline import DEFAULT_NAME, Baseline, BaselineError
from ..core.check import Earlier, Report, check_sources, collector_paused, read_source
from ..core.diagnostics import count
from ..core.document import MARKDOWN_SUFFIXES
from ..core.entities import CatalogOptions
from ..core.rules import SINCE_RULES
from ..render.formats import FORMATS, render
from ..vcs.git import SKIPPED, GitError, Repository, Unavailable, lifecycle, repository, texts_at
from . import baseline_commands as baselines
from .settings import (
    DEFAULT_CONFIGS,
    Settings,
    SettingsError,
    SpecFiles,
    load_settings,
    shown_path,
    spec_files,
)

F = TypeVar("F", bound=Callable[..., Any])
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_SPECS_DIR = "docs/specs"  # MkDocs' docs_dir and the plugin's specs_dir
SINCE_SKIPPED = ", ".join(rule.code for rule in SINCE_RULES)


class UsageProblem(click.ClickException):
    """A usage or configuration error: one clear line, exit code 2."""

    exit_code = EXIT_USAGE


# click >= 8.2 raises this for a group run without a command; older versions print help.
_NoCommand = getattr(click.exceptions, "NoArgsIsHelpError", ())


class _Commands(click.Group):
    """Usage errors as one line (with where to find help) instead of click's usage block."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        # Python's cyclic garbage collector is held off for the whole command, as it is while
        # specs are checked: a command lives a second or two and makes next to no garbage,
        # yet each pass of the collector walks every object still alive (its imports first).
        with collector_paused():
            try:
                result = super().main(*args, **kwargs)
            except _NoCommand as exc:  # bare `mkdocs-specs`: the help, as a usage error
                click.echo(exc.format_message(), err=True)
                sys.exit(EXIT_USAGE)
            except click.UsageError as exc:
                where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
                click.echo(f"Error: {exc.format_message().rstrip('.')}{where}", err=True)
                sys.exit(EXIT_USAGE)
            except click.ClickException as exc:
                exc.show()
                sys.exit(exc.exit_code)
            except click.Abort:
                click.echo("Aborted!", err=True)
                sys.exit(EXIT_PROBLEMS)
            except Exception as exc:
                # Exit 1 means "problems found": a crash must never pass for that, or for success.
                # The traceback is what a report of it needs; the last line says what happened.
                traceback.print_exc()
                click.echo(
                    f"Error: internal error, please report it with the traceback above: {exc!r}",
                    err=True,
                )
                sys.exit(EXIT_USAGE)
            finally:
                # The process ends now and its objects die with it: frozen, they are spared the
                # interpreter's full garbage collections on the way out.
                gc.freeze()
        sys.exit(result if isinstance(result, int) else EXIT_OK)


def _settings(
    config_file: str | None, template: str | None, docs_required: bool = True
) -> Settings:
    try:
        settings = load_settings(config_file, template, docs_required)
    except SettingsError as exc:
        raise UsageProblem(str(exc)) from exc
    for warning in settings.warnings:
        click.echo(f"Warning: {warning}", err=True)
    return settings


def run_check(
    paths: tuple[str, ...],
    settings: Settings,
    since: str | None = None,
    git: bool = True,
    fingerprints: bool = False,
) -> Report:
    """Check the site's specs (and PATHs); report only on PATHs when some are given; with
    ``fingerprints``, ready to be matched with a baseline or written as one."""
    try:
        files = spec_files(paths, settings)
    except SettingsError as exc:
        raise UsageProblem(str(exc)) from exc
    for folder in [] if paths else settings.missing_folders():
        # Said, for a folder misnamed in the config looks the same.
        click.echo(f"Info: {shown_path(folder)} does not exist yet: no docs in it", err=True)
    history = None
    if git and settings.git:
        # One read of the history for every spec; the docs folder's, else the working one's.
        found = lifecycle(
            settings.docs_dir or Path.cwd(),
            {shown: path for path, shown in files.read.items()},
            settings.review_every,
            categories=settings.statuses,
        )
        if isinstance(found, Unavailable):
            click.echo(f"Info: git rules skipped ({SKIPPED}): {found.reason}", err=True)
        else:
            history = found
    earlier = _earlier(since, files, settings) if since is not None else None
    # Read as they are checked: a site's texts are never all in memory at once. Each is named
    # as the build names it, so that messages and the baseline's entries are the build's.
    sources = (
        read_source(path, shown, files.doc_type(shown), files.key(shown))
        for path, shown in files.read.items()
    )
    # Code spans are not read as references: the commands report problems, and a code span
    # is a reference only where it names an entity, so never an unresolved one.
    options = replace(settings.catalog_options or CatalogOptions(), autolink_code=False)
    report = check_sources(
        sources,
        settings.templates or settings.template,
        catalog_options=options,
        rules=settings.rules,
        type_rules={kind.dir: kind.rules for kind in settings.types},
        type_names={kind.dir: kind.name for kind in settings.types},
        lifecycle=history,
        fingerprints=fingerprints,
        since=earlier,
    )
    return replace(report, specs=tuple(s for s in report.specs if s.path in files.reported))


def _earlier(ref: str, files: SpecFiles, settings: Settings) -> Earlier | None:
    """The reported specs' texts at ``ref``, for status-transition and unversioned-change."""
    named = {path: shown for path, shown in files.read.items() if shown in files.reported}
    try:  # REF is read even where nothing is compared: a typo in it is an error all the same
        texts = texts_at(ref, list(named), settings.docs_dir or Path.cwd())
    except GitError as exc:
        raise UsageProblem(str(exc)) from exc
    templates = settings.templates.values() if settings.templates else [settings.template]
    if isinstance(texts, Unavailable):
        reason = texts.reason
    elif not any(template.versioned for template in templates):
        reason = "no template has a Version field to follow"
    else:
        return Earlier({named[path]: text for path, text in texts.items()}, settings.statuses)
    click.echo(f"Info: --since skipped ({SINCE_SKIPPED}): {reason}", err=True)
    return None


def _source_root(settings: Settings) -> Path:
    """The folder code scanning takes paths from: the repository's root, else that of
    mkdocs.yml (else the working one)."""
    folder = (settings.config_dir or Path.cwd()).resolve()
    found = repository(folder, whole=False)
    return found.top if isinstance(found, Repository) else folder


def _baseline(settings: Settings, given: str | None) -> Baseline | None:
    """The baseline in use (``baselines.baseline_in_use``), a usage error where it cannot be."""
    try:
        return baselines.baseline_in_use(settings, given)
    except (SettingsError, BaselineError) as exc:
        raise UsageProblem(str(exc)) from exc


_paths_argument = click.argument("paths", nargs=-1, type=click.Path())
_config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False),
    help="mkdocs.yml (or properdocs.yml, zensical.toml) to read the settings from (default: "
    f"the first present of {', '.join(f'./{name}' for name in DEFAULT_CONFIGS)}).",
)
_template_option = click.option(
    "-t",
    "--template",
    # A name or a path, looked up as the plugin looks it up: a bundled template's name wins
    # over a folder of that name (`madr/` of a repository's decisions).
    metavar="TEMPLATE",
    help="Markdown template to use instead of the plugin's: a file, or a bundled template's "
    "name (technical-spec, madr, nygard, rust-rfc).",
)


def _format_option(formats: tuple[str, ...], help_text: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(formats),
        default="text",
        show_default=True,
        help=help_text,
    )


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mkdocs-specs")
def main() -> None:
    """Check, list and create specs written from a Markdown template.

    Reads the `specs` plugin's settings from ./mkdocs.yml when there is one.
    Run `mkdocs-specs COMMAND --help` for each command's options.
    """


@main.command()
@_paths_argument
@_config_option
@_template_option
@_format_option(
    FORMATS,
    "text: path:line:col lines; json: an array of diagnostics; "
    "github: GitHub Actions annotations; sarif: SARIF 2.1.0 for code scanning.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Baseline whose problems fail nothing (default: the plugin's baseline option).",
)
@click.option(
    "--write-baseline",
    "write_to",
    is_flag=False,
    flag_value="",
    type=click.Path(dir_okay=False),
    metavar="[FILE]",
    help=f"Record today's problems as the baseline (default: the plugin's baseline option, "
    f"else {DEFAULT_NAME} beside mkdocs.yml).",
)
@click.option(
    "--prune-baseline", is_flag=True, help="List the baseline's entries that no longer occur."
)
@click.option("--write", is_flag=True, help="With --prune-baseline: remove them from the file.")
@click.option(
    "--since",
    metavar="REF",
    help="Also compare each spec with its text at the git REF (status-transition, "
    "unversioned-change); REF... is the merge base of REF and HEAD.",
)
def check(
    paths: tuple[str, ...],
    config_file: str | None,
    template: str | None,
    output_format: str,
    strict: bool,
    baseline_file: str | None,
    write_to: str | None,
    prune_baseline: bool,
    write: bool,
    since: str | None,
) -> None:
    """Check specs against the template without building the site.

    PATHs are spec files or folders; without them, every spec of the site in
    mkdocs.yml. Entities defined in the site's other specs still resolve.
    Problems go to stdout, a one-line summary to stderr.

    Exit status: 0 no errors (no warnings either with --strict),
    1 problems found, 2 usage or configuration error.
    """
    if write and not prune_baseline:
        raise UsageProblem("--write goes with --prune-baseline")
    if paths and (write_to is not None or prune_baseline):
        raise UsageProblem("a baseline is of the whole site: give no PATH with it")
    settings = _settings(config_file, template)
    writing = write_to is not None or prune_baseline
    # Read first: a baseline that cannot be used fails before the specs are read.
    baseline = None if writing else _baseline(settings, baseline_file)
    fingerprints = writing or baseline is not None
    report = run_check(paths, settings, since, fingerprints=fingerprints)
    try:
        if write_to is not None:
            baselines.write_baseline(report, settings, write_to)
            sys.exit(EXIT_OK)
        if prune_baseline:
            stale = baselines.prune_baseline(report, settings, baseline_file, write)
            sys.exit(EXIT_PROBLEMS if stale else EXIT_OK)
    except (SettingsError, BaselineError) as exc:
        raise UsageProblem(str(exc)) from exc
    if baseline is not None:
        report = report.with_baseline(baseline)
    diagnostics = report.diagnostics
    root = functools.partial(_source_root, settings)
    output = render(diagnostics, output_format, baseline=baseline is not None, root=root)
    if output:
        click.echo(output)
    errors, warnings = count(diagnostics)
    if len(settings.types) > 1:  # a line per type of docs, then the whole
        for kind in settings.types:
            part = report.of_type(kind.dir)
            if part.specs or not paths:  # PATHs leave out the types they do not name
                said = part.tally() if part.specs else f"no {report.noun}s"
                click.echo(f"  {kind.name or kind.dir}: {said}", err=True)
    click.echo(f"Checked {report.tally()}.", err=True)
    sys.exit(EXIT_PROBLEMS if errors or (strict and warnings) else EXIT_OK)


@main.command()
@click.argument("title")
@click.option(
    "-d",
    "--dir",
    "directory",
    type=click.Path(file_okay=False),
    help=f"Folder to write the spec in (default: the specs folder of mkdocs.yml, "
    f"else {DEFAULT_SPECS_DIR}).",
)
@_config_option
@_template_option
@click.option(
    "-s",
    "--status",
    help="Status of the new spec, one of the template's where it lists them (default: its "
    "first, e.g. Draft).",
)
@click.option(
    "--type",
    "doc_type",
    help="Type of doc, by its folder or its name (default: the site's first type).",
)
def new(
    title: str,
    directory: str | None,
    config_file: str | None,
    template: str | None,
    status: str | None,
    doc_type: str | None,
) -> None:
    """Write a new spec, DIR/<slug of TITLE>.md, from the template.

    The title, Created and Last Updated (today), Status and Version (0.1) are
    filled in; the other placeholders are left to write, and `check` lists them.
    An existing file is never overwritten (exit status 1).
    """
    from ..core.relations import file_number
    from ..core.scaffold import (  # here: check never needs it
        ScaffoldError,
        new_spec,
        next_number,
        template_text,
    )

    settings = _settings(config_file, template, docs_required=False)  # it may be the first
    spec_template, template_path = settings.template, settings.template_path
    root = settings.specs_root
    if doc_type is not None:
        try:
            kind = settings.of_type(doc_type)
        except SettingsError as exc:
            raise UsageProblem(str(exc)) from exc
        spec_template, template_path = settings.templates[kind.dir], template or kind.template
        root = settings.docs_dir / kind.dir if settings.docs_dir else None
    folder = Path(directory) if directory else root or Path(DEFAULT_SPECS_DIR)
    # Docs in its sub-folders too (`decisions/2023/0001-….md`): the type's folder is the site's.
    found = folder.rglob("*") if folder.is_dir() else ()
    names = [path.name for path in found if path.suffix in MARKDOWN_SUFFIXES]
    taken = {number for name in names if (number := file_number(name)) is not None}
    try:
        text = template_text(template_path)
        spec = new_spec(
            spec_template,
            text,
            title,
            status,
            number=next_number(names),
            numbered=bool(taken),  # the folder's docs are numbered: so is the new one
            taken=taken,
        )
    except (ScaffoldError, OSError) as exc:
        raise UsageProblem(str(exc)) from exc
    target = Path(shown_path(folder / spec.file_name))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # FileExistsError too: a file, or a link to nothing, of that name
        raise UsageProblem(f"cannot make the folder {folder}: {exc.strerror or exc}") from exc
    try:
        with target.open("x", encoding="utf-8", newline="") as file:
            file.write(spec.text)
    except FileExistsError:
        click.echo(f"Error: {target} already exists; not overwritten.", err=True)
        sys.exit(EXIT_PROBLEMS)
    except OSError as exc:
        raise UsageProblem(f"cannot write {target}: {exc.strerror or exc}") from exc
    click.echo(str(target))
    if spec.status:
        left = f", status {spec.status}: fill in its placeholders."
    elif spec_template.status_field is not None:  # a Status that implies no first one
        left = ": fill in its placeholders, its status among them (or give --status)."
    else:
        left = ": fill in its placeholders."
    click.echo(f'Created "{spec.title}"{left}', err=True)


@main.command()
@_paths_argument
@_config_option
@_template_option
@_format_option(("text", "json"), "text: counts and a table; json: the same for scripts.")
def status(
    paths: tuple[str, ...], config_file: str | None, template: str | None, output_format: str
) -> None:
    """Count the specs in each status and list them, one line each.

    Each line shows status, title, the template's fields, problems and path,
    grouped by status in the template's order. PATHs narrow it as for `check`.
    """
    # Here, not at the top: check, the command run most, never needs it.
    from ..render.status_summary import status_summary, summary_json, summary_text

    settings = _settings(config_file, template)
    # Its problems count as check's: the baseline's fail nothing.
    baseline = _baseline(settings, None)
    # Counts and titles only: nothing of it comes from git.
    report = run_check(paths, settings, git=False, fingerprints=baseline is not None)
    if baseline is not None:
        report = report.with_baseline(baseline)
    if len(settings.types) <= 1:
        summary = status_summary(report, settings.statuses)
        if output_format == "json":
            click.echo(json.dumps(summary_json(summary), indent=2, ensure_ascii=False))
        else:
            click.echo(summary_text(summary))
        return
    # Several types of docs: each its own statuses, in the order the site lists them.
    parts = [(kind, report.of_type(kind.dir)) for kind in settings.types]
    parts = [(kind, part) for kind, part in parts if part.specs or not paths]
    if output_format == "json":
        found = [
            {"type": kind.dir, "name": kind.name or kind.dir}
            | summary_json(status_summary(part, settings.statuses))
            for kind, part in parts
        ]
        click.echo(json.dumps({"types": found}, indent=2, ensure_ascii=False))
        return
    for number, (kind, part) in enumerate(parts):
        heading = f"{kind.name or kind.dir} ({kind.dir}/)"
        click.echo(("\n" if number else "") + heading + "\n" + "=" * len(heading))
        click.echo(summary_text(status_summary(part, settings.statuses)))
