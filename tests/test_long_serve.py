"""A long `mkdocs serve` session: 26 rebuilds of valid, invalid and renamed specs.

Nothing escapes as an exception, the pages after the last rebuild are those of a fresh build,
and the server's memory does not grow between rebuild 10 and rebuild 26.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import filled_spec
from htmltree import Node, content, parse

ROUNDS = 26  # ends on a valid round (every third, from the first, breaks the spec)
NAMES = ("orders", "purchases")  # the spec under edit is renamed between these


def spec_text(round_: int) -> str:
    """Rounds cycle through a valid spec, an invalid one, and a renamed valid one."""
    marker = f"\n## Notes\n\nround-{round_}\n"
    if round_ % 3 == 1:
        return filled_spec("Orders", status="Shipping", version="one") + marker
    return filled_spec("Orders", version=f"1.{round_}") + marker


def location(round_: int) -> str:
    return NAMES[(round_ // 3) % 2]  # renamed on every third round


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def dump(node: Node) -> str:
    """An element tree as canonical text: tags, sorted attributes and stripped text."""
    parts = []
    for part in node.parts:
        if isinstance(part, str):
            if part.strip():
                parts.append(" ".join(part.split()))
        else:
            attrs = " ".join(f'{key}="{value}"' for key, value in sorted(part.attrs.items()))
            parts.append(f"<{part.tag} {attrs}>{dump(part)}</{part.tag}>")
    return "".join(parts)


def test_many_rebuilds_stay_correct_and_do_not_grow(make_site, serve) -> None:
    site = make_site(
        {
            f"specs/{location(0)}.md": spec_text(0),
            "specs/billing.md": filled_spec("Billing") + "\n## Notes\n\nBills [[OrdersRecord]].\n",
        },
        plugin={"show_diagnostics": "always"},  # the same pages in serve and in build
        theme="mkdocs",
    )
    server = serve(site)
    server.wait_for(f"specs/{location(0)}/", lambda html: "round-0" in html)
    memory: dict[int, int] = {}
    for round_ in range(1, ROUNDS + 1):
        old, new = site.docs / "specs" / f"{location(round_ - 1)}.md", location(round_)
        site.write(f"specs/{new}.md", spec_text(round_))
        if old.stem != new:
            old.unlink()
        page = server.wait_for(f"specs/{new}/", lambda html, r=round_: f"round-{r}<" in html)
        problems = parse(page).find_all(cls="spec-diagnostics")
        assert bool(problems) == (round_ % 3 == 1), round_  # the box comes and goes
        if round_ in (10, ROUNDS):
            memory[round_] = rss_kib(server.process.pid)

    served = {
        path: server.get(path)
        for path in (f"specs/{location(ROUNDS)}/", "specs/billing/", "specs/", "specs.json")
    }
    log = server.output()
    assert "Traceback" not in log and "An error happened during the rebuild" not in log
    assert log.count("Building documentation") >= ROUNDS

    done = site.build()
    assert done.returncode == 0, done.stderr
    for path, html in served.items():
        built = site.site_dir / path / ("" if path.endswith(".json") else "index.html")
        fresh = built.read_text(encoding="utf-8")
        if path.endswith(".json"):
            assert json.loads(html) == json.loads(fresh)
        else:
            assert dump(content(parse(html))) == dump(content(parse(fresh))), path
    # Links from another spec follow the rename, with no trace of the old name.
    billing = served["specs/billing/"]
    assert f"../{location(ROUNDS)}/#ordersrecord" in billing
    assert f"../{location(ROUNDS - 3)}/" not in billing

    assert memory[ROUNDS] <= 1.10 * memory[10], memory
