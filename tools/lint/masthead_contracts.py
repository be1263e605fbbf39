"""Two contract types import-linter does not ship, for ``make lint`` (pyproject.toml).

- ``no_circles_across_apps``: no import circle spans two apps. Imports inside
  functions count: a circle hidden in a function is still a circle.
- ``named_interfaces``: a feature app is imported by the others only through
  the modules it names as its interface; the rest is its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

from importlinter import Contract, ContractCheck, fields, output


def app_of(module: str, root: str) -> str:
    """``masthead.news.models`` -> ``masthead.news``; a top-level module is its own app."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == root and len(parts) > 1 else module


def circles(graph, modules: Iterable[str]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


class NoCirclesAcrossApps(Contract):
    """No strongly connected set of modules holds modules of two apps."""

    type_name = "no_circles_across_apps"

    root = fields.StringField()

    def check(self, graph, verbose: bool) -> ContractCheck:
        root = self.root  # type: ignore[attr-defined]
        spanning = [
            component
            for component in circles(graph, graph.find_descendants(root) | {root})
            if len({app_of(module, root) for module in component}) > 1
        ]
        return ContractCheck(kept=not spanning, metadata={"circles": spanning})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for component in check.metadata["circles"]:
            apps = sorted({app_of(module, self.root) for module in component})  # type: ignore
            output.print_error(f"A circle of {len(component)} modules spans {', '.join(apps)}:")
            for module in component:
                output.indent_cursor()
                output.print(module)
            output.new_line()


class NamedInterfaces(Contract):
    """Each listed app is imported from outside only through the modules it names.

    ``interfaces``: one line per app, ``masthead.news: models, selectors``
    (an empty list after the colon: nothing of it is for others). A named
    module's descendants are part of the interface.
    """

    type_name = "named_interfaces"

    interfaces = fields.ListField(subfield=fields.StringField())
    # Importers that may reach inside (shell patterns): the wiring, the tests' fixtures.
    exempt_importers = fields.ListField(subfield=fields.StringField(), required=False)

    def _named(self) -> dict[str, tuple[str, ...]]:
        named = {}
        for line in self.interfaces:  # type: ignore[attr-defined]
            app, _, modules = line.partition(":")
            names = [name.strip() for name in modules.split(",") if name.strip()]
            named[app.strip()] = tuple(f"{app.strip()}.{name}" for name in names)
        return named

    def check(self, graph, verbose: bool) -> ContractCheck:
        named = self._named()
        exempt = list(self.exempt_importers or ())  # type: ignore[attr-defined]
        broken = []
        for app, public in named.items():
            for module in sorted(graph.find_descendants(app)):
                if any(module == p or module.startswith(p + ".") for p in public):
                    continue
                for importer in sorted(graph.find_modules_that_directly_import(module)):
                    if importer == app or importer.startswith(app + "."):
                        continue
                    if any(fnmatchcase(importer, pattern) for pattern in exempt):
                        continue
                    broken.append((importer, module))
        return ContractCheck(kept=not broken, metadata={"broken": broken, "named": named})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, module in check.metadata["broken"]:
            app = next(a for a in check.metadata["named"] if module.startswith(a + "."))
            public = ", ".join(p.rsplit(".", 1)[-1] for p in check.metadata["named"][app])
            output.print_error(f"{importer} imports {module}, which {app} keeps to itself")
            output.indent_cursor()
            output.print(f"(its interface: {public or 'nothing'})")
            output.new_line()
