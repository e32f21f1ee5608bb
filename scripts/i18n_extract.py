"""Collect the msgids of the qlvbdh_policy domain (stdlib only).

Sources: ``_("…")`` calls and ``MSG_* = "…"`` constants in Python, titles
and descriptions in ZCML, ``i18n:translate`` properties of the type
definitions, and workflow state/transition titles.

  python3 scripts/i18n_extract.py           print msgids missing from vi
  python3 scripts/i18n_extract.py --pot     rewrite locales/qlvbdh_policy.pot
"""

from html.parser import HTMLParser
from pathlib import Path

import ast
import re
import sys

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "src" / "qlvbdh_policy"
LOCALES = PKG / "locales"

def po_header(language_code, language_name, encodings, domain="qlvbdh_policy"):
    return (
        'msgid ""\n'
        'msgstr ""\n'
        '"Project-Id-Version: qlvbdh_policy\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n'
        f'"Language-Code: {language_code}\\n"\n'
        f'"Language-Name: {language_name}\\n"\n'
        f'"Preferred-Encodings: {encodings}\\n"\n'
        f'"Domain: {domain}\\n"\n'
    )


POT_HEADER = po_header("en", "English", "utf-8 latin1")


def _python_msgids(path):
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "_"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(node.args[0].value)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if any(n.startswith("MSG_") for n in names) and isinstance(node.value.value, str):
                found.append(node.value.value)
        elif isinstance(node, ast.ClassDef):
            # ValidationError subclasses: their docstring is the message
            doc = ast.get_docstring(node, clean=False)
            bases = [getattr(b, "id", getattr(b, "attr", "")) for b in node.bases]
            if doc and "ValidationError" in bases and isinstance(node.body[0].value, ast.Call):
                found.append(node.body[0].value.args[0].value)
    return found


class _TemplateMessages(HTMLParser):
    """Msgids of ``i18n:translate=""`` elements as zope.tal builds them:
    the text with whitespace collapsed, ``${name}`` for i18n:name children."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.stack = [], []  # stack of [depth, parts, skip_depth]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in (attrs.get("i18n:attributes") or "").split(";"):
            if name.strip() and attrs.get(name.strip()):
                self.found.append(attrs[name.strip()])
        for entry in self.stack:
            entry[0] += 1
        if self.stack and self.stack[-1][2] is None and "i18n:name" in attrs:
            self.stack[-1][1].append("${%s}" % attrs["i18n:name"])
            self.stack[-1][2] = self.stack[-1][0]
        if attrs.get("i18n:translate") == "":
            self.stack.append([0, [], None])

    def handle_endtag(self, tag):
        for entry in self.stack:
            entry[0] -= 1
        if not self.stack:
            return
        top = self.stack[-1]
        if top[2] is not None and top[0] < top[2]:
            top[2] = None
        if top[0] < 0:
            self.stack.pop()
            text = " ".join("".join(top[1]).split())
            if text:
                self.found.append(text)

    def handle_data(self, data):
        if self.stack and self.stack[-1][2] is None:
            self.stack[-1][1].append(data)


def template_msgids(text):
    parser = _TemplateMessages()
    parser.feed(text)
    return parser.found


def _zcml_msgids(text):
    if 'i18n_domain="qlvbdh_policy"' not in text:
        return []
    return re.findall(r'\b(?:title|description)="([^"]+)"', text)


def _type_msgids(text):
    return re.findall(r'i18n:translate="">([^<]+)<', text)


def _workflow_msgids(text):
    return re.findall(r'<(?:state|transition) [^>]*title="([^"]+)"', text)


def _page_template_msgids(text):
    if 'i18n:domain="qlvbdh_policy"' not in text:
        return []
    return re.findall(r'i18n:translate="([^"]+)"', text) + list(template_msgids(text))


def _text_reader(path):
    """The function reading a non-Python file's msgids, or None."""
    if path.suffix == ".zcml":
        return _zcml_msgids
    if path.suffix == ".xml" and "types" in path.parts:
        return _type_msgids
    if path.suffix == ".xml" and "workflows" in path.parts:
        return _workflow_msgids
    if path.suffix == ".pt":
        return _page_template_msgids
    return None


def msgids():
    """msgid -> first source file (relative)."""
    out = {}
    for path in sorted(PKG.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        if path.suffix == ".py":
            found = _python_msgids(path)
        else:
            reader = _text_reader(path)
            found = reader(path.read_text(encoding="utf-8")) if reader else []
        for msgid in found:
            out.setdefault(msgid, str(path.relative_to(PKG)))
    return out


def po_quote(text):
    """A PO string; a text with line breaks becomes one "…\\n" line each."""
    def quote(part):
        return '"' + part.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    if "\n" not in text:
        return quote(text)
    return '""\n' + "\n".join(quote(line) for line in text.splitlines(keepends=True))


def write_pot():
    lines = [POT_HEADER]
    for msgid, source in sorted(msgids().items(), key=lambda kv: (kv[1], kv[0])):
        lines.append(f"#: {source}\nmsgid {po_quote(msgid)}\nmsgstr \"\"\n")
    (LOCALES / "qlvbdh_policy.pot").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    if "--pot" in sys.argv:
        write_pot()
    for m in sorted(msgids()):
        print(m)
