"""Count what the import contract guards, for a report: upward imports, import cycles and the
largest modules (on demand; `tools/check` runs the contract itself with `lint-imports`).

    uv run python tools/import_report.py [--verbose]

- Upward imports: import statements (function-level ones included) from a module to a module
  of a higher layer, the layers read from the `layers` contract in pyproject.toml (top first;
  siblings separated by `:` or `|` share a layer).
- Module cycles: strongly connected groups of modules in the import graph.
- Sibling cycles: for every package, strongly connected groups among its direct children (an
  import between their descendants counts for them), as import-linter's `acyclic_siblings` sees
  them, before its ignore_imports; the ground's five apps show up here as one group.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]


def layers() -> list[list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(
        c for c in config["tool"]["importlinter"]["contracts"] if c.get("id") == "layers"
    )
    found = []
    for raw in contract["layers"]:
        names = raw.replace("|", ":").split(":")
        found.append([name.strip().strip("()") for name in names])
    return found


def layer_of(module: str, table: list[list[str]]) -> int | None:
    best: tuple[int, int] | None = None
    for index, names in enumerate(table):
        for name in names:
            if (module == name or module.startswith(name + ".")) and (
                best is None or len(name) > best[1]
            ):
                best = (index, len(name))
    return None if best is None else best[0]


def containing(children: list[str], module: str) -> str | None:
    return next((c for c in children if module == c or module.startswith(c + ".")), None)


def strongly_connected(nodes: Iterable[str], edges: Mapping[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; groups of two or more nodes only."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every upward import")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph("someluotsi", "config", cache_dir=None)
    table = layers()

    upward = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            a, b = layer_of(importer, table), layer_of(imported, table)
            if a is not None and b is not None and b < a:
                for line in graph.get_import_details(importer=importer, imported=imported):
                    upward.append(f"{importer}:{line['line_number']} {line['line_contents']}")
    print(f"upward imports: {len(upward)}")
    if args.verbose:
        print("\n".join(f"  {line}" for line in upward))

    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    module_cycles = strongly_connected(graph.modules, edges)
    print(f"module cycles: {len(module_cycles)}")
    for group in module_cycles:
        print("  " + " <-> ".join(group))

    sibling_cycles = 0
    packages = {m.rsplit(".", 1)[0] for m in graph.modules if "." in m}
    for package in sorted(packages):
        children = sorted(graph.find_children(package))
        child_edges: dict[str, set[str]] = defaultdict(set)
        for module in graph.modules:
            source = containing(children, module)
            if source is None:
                continue
            for imported in graph.find_modules_directly_imported_by(module):
                target = containing(children, imported)
                if target is not None and target != source:
                    child_edges[source].add(target)
        for group in strongly_connected(children, child_edges):
            sibling_cycles += 1
            names = " <-> ".join(name.rsplit(".", 1)[1] for name in group)
            print(f"  in {package}: {names}")
    print(f"sibling cycles: {sibling_cycles}")

    sizes = sorted(
        (
            (sum(1 for _ in path.open(encoding="utf-8")), str(path.relative_to(ROOT)))
            for path in (ROOT / "someluotsi").rglob("*.py")
            if "migrations" not in path.parts
        ),
        reverse=True,
    )
    print("largest modules (lines): " + ", ".join(f"{path} {n}" for n, path in sizes[:3]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
