"""The shape of the house: no import cycles (imports inside functions included; imports made only
for type hints left out), and no core module that pulls Qt when imported. import-linter (pyproject.toml) checks the layers; this checks what a
layers contract cannot see: cycles between sibling modules, and every submodule, not only packages."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import grimp

import wa_audit

# The only places outside wa_audit.ui that may touch Qt, each through a lazy import in a function:
# the desktop launcher and the self-test (they start the app). report.pdf loads the Qt PDF writer
# only when a PDF is written, so importing it loads no Qt either.
QT_ALLOWED = ("wa_audit.ui", "wa_audit.launch", "wa_audit.selftest")
# The one named exception to the layers, as in pyproject.toml's contracts: the report's PDF module
# loads the Qt PDF writer that lives with the app's charts.
NAMED_EXCEPTIONS = {("wa_audit.report.pdf", "wa_audit.ui.pdf_report")}


def _graph():
    return grimp.build_graph(
        "wa_audit", include_external_packages=False, exclude_type_checking_imports=True
    )


def _strongly_connected(nodes, edges):
    """Tarjan's algorithm, iterative; returns the components with more than one node."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
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


def test_the_cycle_finder_finds_a_cycle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _strongly_connected(["a", "b", "c", "d"], edges) == [["a", "b", "c"]]
    assert _strongly_connected(["a", "b"], {"a": {"b"}}) == []


def test_no_import_cycle_between_modules():
    graph = _graph()
    modules = sorted(graph.modules)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in modules}
    assert _strongly_connected(modules, edges) == []


def test_no_import_cycle_between_packages():
    graph = _graph()

    def top(module: str) -> str:
        return ".".join(module.split(".")[:2])

    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if (module, imported) in NAMED_EXCEPTIONS:
                continue
            if top(imported) != top(module):
                edges.setdefault(top(module), set()).add(top(imported))
    nodes = sorted({top(m) for m in graph.modules})
    assert _strongly_connected(nodes, edges) == []


def test_no_core_module_imports_qt():
    core = [
        info.name
        for info in pkgutil.walk_packages(wa_audit.__path__, "wa_audit.")
        if not info.name.startswith(QT_ALLOWED)
    ]
    assert len(core) > 50
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "    bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "    if bad:\n"
        "        print(name)\n"
        "        break\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
