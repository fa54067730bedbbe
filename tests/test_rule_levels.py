"""`rules: {code: error | warning | off}`: validated by MkDocs, the same in build and check."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import Site, create_site, filled_spec
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_specs.cli.main import main
from mkdocs_specs.core.diagnostics import Diagnostic, Severity
from mkdocs_specs.core.rule_levels import Level, RuleLevels, parse_levels

# An Approved spec with a placeholder (an error) and a Draft with one (a warning).
BILLING = filled_spec("Billing").replace(
    "**Technical Lead**: Ada Lovelace", "**Technical Lead**: [Name]"
)
RETURNS = filled_spec("Returns", status="Draft").replace(
    "**Feature/Epic**: SHOP-1", "**Feature/Epic**: [Link to parent feature/epic]"
)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


PAGES = {"specs/billing.md": BILLING, "specs/returns.md": RETURNS}


def test_levels_as_yaml_writes_them() -> None:
    # YAML reads a bare `off` as false.
    assert parse_levels(
        {"placeholder": False, "section-order": "error", "empty-section": "warning"}
    ) == {
        "placeholder": Level.OFF,
        "section-order": Level.ERROR,
        "empty-section": Level.WARNING,
    }
    with pytest.raises(
        ValueError, match=r"Unknown rule code 'placeholders' \(did you mean 'placeholder'\?\)"
    ):
        parse_levels({"placeholders": "off"})
    with pytest.raises(
        ValueError, match="Expected error, warning or off for rule 'placeholder', got 'fatal'"
    ):
        parse_levels({"placeholder": "fatal"})


def test_a_types_levels_override_the_sites() -> None:
    site = RuleLevels({"placeholder": Level.OFF, "empty-section": Level.ERROR})
    typed = site.overridden({"placeholder": Level.WARNING})
    problem = Diagnostic("a.md", 1, 1, "placeholder", Severity.ERROR, "m")
    empty = Diagnostic("a.md", 2, 1, "empty-section", Severity.WARNING, "m")
    assert site.apply([problem, empty]) == [
        Diagnostic("a.md", 2, 1, "empty-section", Severity.ERROR, "m")
    ]
    assert [d.severity for d in typed.apply([problem, empty])] == [Severity.WARNING, Severity.ERROR]


def test_an_unknown_code_is_a_config_error_in_build_and_check(
    tmp_path, monkeypatch, caplog
) -> None:
    site = create_site(tmp_path, PAGES, plugin={"rules": {"missing-sectoin": "off"}})
    with pytest.raises(Abort, match="configuration error"):
        load_config(str(site.root / "mkdocs.yml"))
    said = "Unknown rule code 'missing-sectoin' (did you mean 'missing-section'?)"
    assert said in caplog.text
    monkeypatch.chdir(site.root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert said in result.stderr


@pytest.fixture(scope="module")
def leveled(tmp_path_factory: pytest.TempPathFactory) -> Site:
    # The Draft's placeholder becomes an error, the Approved one's is off; `off` as YAML says it.
    site = create_site(tmp_path_factory.mktemp("levels"), PAGES, theme="mkdocs")
    config = (site.root / "mkdocs.yml").read_text()
    # No git here: the lifecycle rules' line of "skipped" is not what these tests read.
    config = config.replace(
        "- specs: {}", "- specs:\n    git: false\n    rules:\n      placeholder: off"
    )
    (site.root / "mkdocs.yml").write_text(config)
    return site


def test_off_silences_a_code_in_build_and_check(leveled: Site, monkeypatch) -> None:
    monkeypatch.chdir(leveled.root)
    result = CliRunner().invoke(main, ["check"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "Checked 2 specs: 0 invalid specs, 0 errors.\n",
    )
    assert not [line for line in leveled.build_in_process() if "mkdocs_specs" in line]


def test_a_level_holds_in_draft_too_in_build_and_check(tmp_path, monkeypatch) -> None:
    site = create_site(
        tmp_path, PAGES, plugin={"rules": {"placeholder": "error"}, "git": False}, theme="mkdocs"
    )
    monkeypatch.chdir(site.root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert [line.split(" [")[0] for line in result.stdout.splitlines()] == [
        f"docs/specs/billing.md:{line_of(BILLING, '[Name]')}:21: error",
        f"docs/specs/returns.md:{line_of(RETURNS, '[Link to')}:19: error",
    ]
    assert result.stderr == "Checked 2 specs: 2 invalid specs, 2 errors.\n"
    with pytest.raises(Abort, match="2 invalid specs, 2 errors"):
        site.build_in_process()
