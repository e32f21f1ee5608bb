"""Every English msgid of the add-on has a Vietnamese translation."""

from pathlib import Path

import re

PKG = Path(__file__).resolve().parent.parent / "src" / "qlvbdh_policy"
LOCALES = PKG / "locales"


def parse_po(path):
    """msgid -> msgstr of a .po file (single- and multi-line strings)."""
    entries, key, cur = {}, None, None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("msgid "):
            if key is not None:
                entries[key] = cur["msgstr"]
            cur = {"msgid": eval(line[6:]), "msgstr": ""}
            key, field = cur["msgid"], "msgid"
        elif line.startswith("msgstr "):
            cur["msgstr"] = eval(line[7:])
            field = "msgstr"
        elif line.startswith('"') and cur is not None:
            cur[field] += eval(line)
            if field == "msgid":
                key = cur["msgid"]
    if key is not None:
        entries[key] = cur["msgstr"]
    entries.pop("", None)
    return entries


def msgids_in_code():
    """msgids of the qlvbdh_policy domain used in Python, ZCML and templates."""
    found = set()
    py_call = re.compile(r"""\b_\(\s*["']([^"']+)["']""")
    zcml_attr = re.compile(r"""\b(?:title|description)="([^"]+)\"""")
    for path in PKG.rglob("*"):
        if path.suffix == ".py":
            found |= set(py_call.findall(path.read_text(encoding="utf-8")))
        elif path.suffix == ".zcml":
            text = path.read_text(encoding="utf-8")
            if 'i18n_domain="qlvbdh_policy"' in text:
                found |= set(zcml_attr.findall(text))
        elif path.suffix == ".pt":
            text = path.read_text(encoding="utf-8")
            if 'i18n:domain="qlvbdh_policy"' in text:
                found |= set(re.findall(r'i18n:translate="([^"]+)"', text))
    return found


def test_pot_has_every_msgid_of_the_code():
    pot = parse_po(LOCALES / "qlvbdh_policy.pot")
    missing = msgids_in_code() - set(pot)
    assert not missing, f"msgids missing from the .pot: {sorted(missing)}"


def test_vi_translates_every_msgid():
    pot = parse_po(LOCALES / "qlvbdh_policy.pot")
    vi = parse_po(LOCALES / "vi" / "LC_MESSAGES" / "qlvbdh_policy.po")
    untranslated = [m for m in pot if not vi.get(m)]
    assert not untranslated, f"no Vietnamese for: {untranslated}"
    assert set(vi) <= set(pot), f"stale msgids in vi: {set(vi) - set(pot)}"


def test_translation_domain_serves_vietnamese(portal):
    from zope.i18n import translate

    assert (
        translate(
            "Document management and executive system",
            domain="qlvbdh_policy",
            target_language="vi",
        )
        == "Quản lý văn bản và điều hành"
    )
