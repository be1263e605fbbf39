"""The two contract types of our own that ``make lint`` runs (tools/lint/masthead_contracts.py).

Each is tried on a small made-up package, so a contract that could never
break would fail here; the real package is checked by ``make lint`` itself.
"""

import sys
from pathlib import Path

import grimp
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools" / "lint"))

from masthead_contracts import NamedInterfaces, NoCirclesAcrossApps  # noqa: E402


def package(*imports: str) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    modules = {"paper"}
    for line in imports:
        importer, imported = (part.strip() for part in line.split("->"))
        for module in (importer, imported):
            parts = module.split(".")
            modules |= {".".join(parts[:n]) for n in range(1, len(parts) + 1)}  # with its packages
    for module in sorted(modules):
        graph.add_module(module)
    for line in imports:
        importer, imported = (part.strip() for part in line.split("->"))
        graph.add_import(importer=importer, imported=imported)
    return graph


def no_circles():
    return NoCirclesAcrossApps("circles", {}, {"root": "paper"})


def test_a_circle_through_two_apps_breaks_it_and_names_them():
    graph = package(
        "paper.edge.sending -> paper.breaking.banner",
        "paper.breaking.banner -> paper.news.models",
        "paper.news.models -> paper.edge.sending",
        "paper.news.views -> paper.news.models",
    )
    check = no_circles().check(graph, verbose=False)
    assert not check.kept
    assert check.metadata["circles"] == [
        ["paper.breaking.banner", "paper.edge.sending", "paper.news.models"]
    ]


def test_a_circle_inside_one_app_and_one_way_imports_between_apps_keep_it():
    graph = package(
        "paper.news.models -> paper.news.selectors",
        "paper.news.selectors -> paper.news.models",
        "paper.breaking.banner -> paper.news.models",
        "paper.news.views -> paper.edge.sending",
    )
    assert no_circles().check(graph, verbose=False).kept


def interfaces(*lines, exempt=()):
    options = {"interfaces": list(lines), "exempt_importers": list(exempt)}
    return NamedInterfaces("interfaces", {}, options)


@pytest.mark.parametrize(
    ("imported", "kept"),
    [
        ("paper.gifts.selectors", True),  # named
        ("paper.gifts.selectors.cached", True),  # inside a named module
        ("paper.gifts.links", False),  # the app's own
    ],
)
def test_another_app_imports_only_what_an_app_names(imported, kept):
    graph = package(f"paper.accounts.views -> {imported}", "paper.gifts.views -> paper.gifts.links")
    contract = interfaces("paper.gifts: selectors, demo")
    check = contract.check(graph, verbose=False)
    assert check.kept is kept
    if not kept:
        assert check.metadata["broken"] == [("paper.accounts.views", imported)]


def test_exempt_importers_may_reach_inside():
    graph = package(
        "paper.urls -> paper.gifts.views",
        "paper.news.tests.test_front -> paper.gifts.links",
    )
    assert not interfaces("paper.gifts:").check(graph, verbose=False).kept
    exempt = interfaces("paper.gifts:", exempt=("paper.urls", "paper.*.tests.*"))
    assert exempt.check(graph, verbose=False).kept
