"""The tree shows the architecture, and these rules keep it so.

- ``bot/`` is layered, lowest first: settings, errors and database, chain, answer, feedback, web,
  quality, cli. A package imports only packages below it (shells use the library; the library
  never imports a shell), and another package only through the names its ``__init__`` lists
  in ``__all__``. ``kb`` never imports ``bot``.
- No import circles between modules (lazy imports inside functions included).
- ``tests/bot/`` mirrors ``bot/``: each test module is named for the module it specifies.
- The README's layout names every module of ``bot/``, and every path it names exists.
"""

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = {"settings": 0, "errors": 0, "database": 0, "chain": 1, "answer": 2, "feedback": 3, "web": 4, "quality": 5, "cli": 6}
FACADE = {"bot", "bot.__main__"}  # the public API re-exports the layers, lazily


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for package in ("bot", "kb") for p in sorted((ROOT / package).rglob("*.py"))}


def imports(name: str) -> list[tuple[str, list[str]]]:
    """(module, names) for every import in a module, at any depth; relative imports resolved."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.append((base, [alias.name for alias in node.names]))
    return found


def targets(module: str, names: list[str]) -> list[str]:
    """The modules an import really loads: ``from pkg import sub`` loads pkg.sub when sub is a module."""
    subs = [f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES]
    return subs if subs and len(subs) == len(names) else [module] + subs


def layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if parts[0] == "bot" and len(parts) > 1 else None


BOT_IMPORTS = [(name, module, names) for name in MODULES if name.startswith("bot") and name not in FACADE
               for module, names in imports(name) if module.startswith("bot")]


def test_every_bot_module_belongs_to_a_known_layer():
    assert {layer(n) for n in MODULES if n.startswith("bot.") and n not in FACADE} <= set(LAYERS)


@pytest.mark.parametrize(("importer", "module", "names"), BOT_IMPORTS, ids=lambda v: v if isinstance(v, str) else "")
def test_imports_run_downward_through_each_packages_public_names(importer, module, names):
    own, other = layer(importer), layer(module)
    if other is None:
        pytest.fail(f"{importer} imports the facade {module}; import the layer that holds the name instead")
    if own == other:
        return
    assert LAYERS[other] < LAYERS[own], f"{importer} ({own}) imports {module} ({other}), a layer above or beside it"
    package = f"bot.{other}"
    if other in ("settings", "errors", "database"):
        return
    assert module == package, f"{importer} reaches into {module}; import from {package} (its __all__) instead"
    public = importlib.import_module(package).__all__
    assert set(names) <= set(public), f"{importer} imports {set(names) - set(public)} from {package}, not in its __all__"


def test_kb_never_imports_bot():
    offenders = [(n, m) for n in MODULES if n.startswith("kb") for m, _ in imports(n) if m.split(".")[0] == "bot"]
    assert offenders == []


def test_no_import_circles():
    graph = {n: {t for m, names in imports(n) for t in targets(m, names) if t in MODULES and t != n} for n in MODULES}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                pytest.fail("import circle: " + " -> ".join(path[path.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


@pytest.mark.parametrize("package", sorted(f"bot.{p}" for p in LAYERS if (ROOT / "bot" / p).is_dir()))
def test_each_subpackage_states_its_public_names(package):
    module = importlib.import_module(package)
    assert module.__doc__, f"{package}/__init__.py says what the package holds"
    assert module.__all__, f"{package} lists its public names in __all__"
    for name in module.__all__:
        assert getattr(module, name, None) is not None, f"{package}.__all__ names {name}, which it does not define"


TEST_MODULES = sorted((ROOT / "tests" / "bot").rglob("test_*.py"))


@pytest.mark.parametrize("test_file", TEST_MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_each_test_module_is_named_for_the_module_it_specifies(test_file):
    folder = ROOT / "bot" / test_file.parent.relative_to(ROOT / "tests" / "bot")
    modules = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    subject = test_file.stem.removeprefix("test_")
    assert any(subject == m or subject.startswith(m + "_") for m in modules), (
        f"{test_file.name} names no module of {folder.relative_to(ROOT)} ({sorted(modules)})")


def readme_layout() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"## Layout\n+```\n(.*?)```", readme, re.DOTALL).group(1)


def test_the_readme_layout_names_every_module_of_bot():
    layout = readme_layout()
    missing = [n for n, p in MODULES.items() if n.startswith("bot.") and p.name != "__init__.py"
               and n != "bot.__main__" and not re.search(rf"\b{re.escape(p.name)}", layout)]
    assert missing == [], f"README layout does not mention {missing}"


def test_every_path_the_readme_layout_names_exists():
    """Each layout line starts with folders (``web/``) or files (``engine.py, compose.py``) inside
    the folder of the line it is indented under."""
    stack: list[tuple[int, Path]] = [(-1, ROOT)]
    for line in readme_layout().splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        while stack[-1][0] >= indent:
            stack.pop()
        names = re.match(r"[\w.-]+/?(?:, [\w.-]+/?)*", line.strip()).group(0).split(", ")
        here = stack[-1][1]
        for name in names:
            path = here / name.rstrip("/")
            assert path.exists(), f"README layout names {path.relative_to(ROOT)}, which does not exist"
            if name.endswith("/"):
                stack.append((indent, path))
