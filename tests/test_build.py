"""Real `mkdocs build` and `mkdocs serve` runs of sites with valid and invalid specs."""

from __future__ import annotations

from conftest import filled_spec

INVALID = filled_spec("Payments", status="Review").replace("**Version**: 1.0", "**Version**: soon")
INVALID_LINE = next(i for i, line in enumerate(INVALID.splitlines(), 1) if "**Version**" in line)


def test_valid_site_builds_strict(make_site) -> None:
    site = make_site({"specs/orders.md": filled_spec()})
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr
    # Nothing from the plugin but that tmp_path is no git repository (its lifecycle rules).
    said = [line for line in result.stderr.splitlines() if "mkdocs_specs" in line]
    assert said == [
        "INFO    -  mkdocs_specs: Git rules skipped (review-overdue, stale-date): "
        "not in a git work tree"
    ]
    assert "spec-diagnostics" not in site.html("specs/orders/index.html")


def test_invalid_spec_fails_the_build_with_a_summary_and_exact_lines(make_site) -> None:
    site = make_site({"specs/orders.md": filled_spec(), "specs/payments.md": INVALID})
    result = site.build()
    assert result.returncode == 1
    line = (
        f"ERROR   -  mkdocs_specs: specs/payments.md:{INVALID_LINE}:14: error [invalid-field] "
        '"Version" is not a version: "soon"'
    )
    assert line in result.stderr
    assert result.stderr.count("[invalid-field]") == 1  # logged once
    assert "1 invalid spec, 1 error" in result.stderr
    # A published site never shows the problem box by default.
    assert "spec-diagnostics" not in site.html("specs/payments/index.html")


def test_fail_on_never_builds_and_still_logs(make_site) -> None:
    site = make_site({"specs/payments.md": INVALID}, plugin={"fail_on": "never"})
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert f"specs/payments.md:{INVALID_LINE}:14" in result.stderr


def test_fail_on_warning_and_strict_fail_on_warnings(make_site) -> None:
    draft = filled_spec(status="Draft").replace("Ada Lovelace", "[Name]")
    site = make_site({"specs/draft.md": draft})
    result = site.build()
    assert result.returncode == 0
    assert "WARNING -  mkdocs_specs: specs/draft.md:7:21: warning [placeholder]" in result.stderr
    assert site.build("--strict").returncode == 1
    site = make_site({"specs/draft.md": draft}, plugin={"fail_on": "warning"})
    result = site.build()
    assert result.returncode == 1 and "1 warning" in result.stderr


def test_show_diagnostics_always_puts_the_box_on_the_page(make_site) -> None:
    site = make_site(
        {"specs/payments.md": INVALID}, plugin={"fail_on": "never", "show_diagnostics": "always"}
    )
    assert site.build().returncode == 0
    html = site.html("specs/payments/index.html")
    assert 'class="spec-diagnostics"' in html
    assert f"line {INVALID_LINE}:14" in html and "invalid-field" in html


def test_only_pages_under_specs_dir_are_specs(make_site) -> None:
    site = make_site({"guide.md": "# Not a spec\n", "specs/orders.md": filled_spec()})
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr


def test_serve_shows_the_problem_box_then_drops_it_after_the_fix(make_site, serve) -> None:
    site = make_site({"specs/orders.md": filled_spec(), "specs/payments.md": INVALID})
    server = serve(site)
    page = server.wait_for("specs/payments/", lambda html: "spec-diagnostics" in html)
    assert f"line {INVALID_LINE}:14" in page and "invalid-field" in page
    assert "spec-diagnostics" not in server.get("specs/orders/")

    site.write("specs/payments.md", filled_spec("Payments", status="Review"))
    server.wait_for("specs/payments/", lambda html: "spec-diagnostics" not in html)

    site.write("specs/payments.md", INVALID)  # and back: no state carried over
    server.wait_for("specs/payments/", lambda html: "spec-diagnostics" in html)
    assert server.process.poll() is None  # serve never died
    assert "Aborted" not in server.output()
