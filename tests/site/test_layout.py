"""The package layout of ARCHITECTURE.md: imports point down the floors,
never up (a REST service may call a feature; a feature never calls a view).
Every import is read, the ones inside functions too."""

from pathlib import Path

import ast
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "qlvbdh_policy"

# module path prefix → floor (1 pure rules … 5 interfaces); the longest
# prefix wins
FLOORS = {
    "rules": 1,
    "interfaces": 2,
    "roles": 2,
    "permissions": 2,
    "vietnamese": 2,
    "timeutil": 1,  # datetime and zoneinfo only
    "limited_process": 1,  # readers of users' files in limited processes (stdlib only)
    "site_storage": 2,
    "vocabularies": 2,
    # the replies' vocabulary reads which states mean issued (workflows/, issue 22)
    "vocabularies.issued_outgoing": 4,
    "agencies.lookups": 2,
    "content": 3,
    "sheets": 3,  # reading CSV and XLSX sheets: imports and account lists
    "agencies": 4,
    "registers": 4,
    "routing": 4,
    "workflows": 4,  # what the states of the document workflows mean (issue 22)
    "accounts": 4,
    "search": 4,
    "stats": 4,
    "casefiles": 4,
    "work_calendar": 4,
    "work_calendar.views": 5,  # its pages, beside the feature they show
    "consultation": 4,
    "support": 4,
    "edxml": 1,  # QCVN 102:2016 messages, read and written with the standard library
    "support.views": 5,
    "support.services": 5,
    "consultation.services": 5,
    "consultation.views": 5,
    "exports": 4,
    "exchange": 4,  # edXML exchange: directory of organisations, inbox, outbox, statuses
    "exchange.views": 5,
    "exchange.directory_services": 5,
    "exchange.inbox_services": 5,
    "signatures": 4,
    # pyHanko without Zope: bytes in, facts out (unit-tested in milliseconds)
    "signatures.pdf_check": 1,
    "signatures.check_worker": 1,  # its process, run by path
    "signatures.services": 5,
    "signatures.views": 5,
    "workflow_guards": 4,  # the guards around workflows changed through the web
    "workflow_guards.views": 5,
    "workflow_guards.services": 5,
    "uploads": 4,
    "uploads.services": 5,
    "security_headers": 4,
    "error_logging": 5,  # publication glue; reads every module to list the refusals
    "mail_queue": 4,
    "restapi": 5,
    "browser": 5,
    "console": 5,
    "guide": 5,
    "upgrades": 5,
    "setuphandlers": 5,
    "demo": 5,
    "testing": 5,
}


def module_name(path):
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def floor_of(name):
    best = None
    for prefix in FLOORS:
        if (name == prefix or name.startswith(prefix + ".")) and (
                best is None or len(prefix) > len(best)):
            best = prefix
    return FLOORS[best] if best else None


def own_imports(path):
    """The project's modules ``path`` imports (``qlvbdh_policy.`` stripped)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "qlvbdh_policy":
                for alias in node.names:
                    yield alias.name
            elif node.module.startswith("qlvbdh_policy."):
                module = node.module[len("qlvbdh_policy."):]
                for alias in node.names:
                    submodule = f"{module}.{alias.name}"
                    yield submodule if floor_of(submodule) and (
                        PACKAGE / submodule.replace(".", "/")).with_suffix(".py").exists() else module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("qlvbdh_policy."):
                    yield alias.name[len("qlvbdh_policy."):]


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if module_name(p))


def test_every_module_has_a_floor():
    assert [module_name(p) for p in MODULES if floor_of(module_name(p)) is None] == []


def test_imports_point_down_the_floors():
    upward = []
    for path in MODULES:
        here = module_name(path)
        for imported in own_imports(path):
            there = floor_of(imported)
            if there is not None and there > floor_of(here):
                upward.append(f"{here} (floor {floor_of(here)}) imports {imported} (floor {there})")
    assert upward == []


def test_pure_rules_import_no_zope():
    """Floor 1 runs without Zope: its unit tests take milliseconds."""
    zope = []
    for path in MODULES:
        if floor_of(module_name(path)) != 1:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            zope += [f"{module_name(path)}: {n}" for n in names
                     if n.split(".")[0] in {"zope", "Zope2", "Products", "plone", "OFS",
                                            "Acquisition", "ZODB", "persistent", "BTrees",
                                            "transaction", "z3c", "DateTime", "ZPublisher"}]
    assert zope == []


@pytest.mark.parametrize("package", ["agencies", "registers", "routing", "content",
                                     "search", "stats", "casefiles", "vocabularies", "restapi", "browser"])
def test_package_has_its_own_configuration(package):
    """accounts/ registers nothing of its own: its pages are in browser/,
    its services in restapi/ (stats/ registers its catalog indexers)."""
    assert (PACKAGE / package / "configure.zcml").exists()


def test_permissions_are_declared_once_and_used_by_name():
    """permissions.py holds every title roles.zcml declares, and code checks
    permissions through it, not through strings of its own."""
    from qlvbdh_policy import permissions

    import re

    zcml = (PACKAGE / "roles.zcml").read_text(encoding="utf-8")
    declared = dict(re.findall(r'permission id="qlvbdh\.(\w+)" title="([^"]+)"', zcml))
    ours = {k: v for k, v in vars(permissions).items()
            if isinstance(v, str) and v.startswith("qlvbdh_policy: ")}
    assert ours == declared
    literal = [f"{module_name(p)}: {title}" for p in MODULES
               if floor_of(module_name(p)) > 1 and not module_name(p).startswith("upgrades")
               and module_name(p) != "permissions"
               for title in declared.values() if f'"{title}"' in p.read_text(encoding="utf-8")]
    assert literal == []
