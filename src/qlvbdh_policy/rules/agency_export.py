"""One agency's own export (Quy chế Điều 8.4: each agency backs up its data
with the IT centre): how the ZIP is laid out and what each document's
metadata file says, readable without the system.

Pure: the glue (exports/agency_export.py) reads objects and the catalog
and hands plain values here.

Layout of the ZIP (one folder ``<abbr>-<yyyy-mm-dd>/``):

- ``README.txt``, ``index.html``, ``index.csv`` (UTF-8 with BOM, so a
  spreadsheet opens the Vietnamese text right);
- ``so-van-ban/<register>-<book>.xlsx``: the register books;
- ``van-ban/<container>/<number>_<id>/metadata.json`` and the document's
  files beside it, under their own names, cleaned.

Dates in metadata.json are ISO 8601 (``yyyy-mm-dd``; moments of the trail
``yyyy-mm-ddThh:mm:ss+07:00``): a program reads them without guessing the
order of day and month. The index pages show dd/mm/yyyy, as documents do.
Field names are those of NĐ 30/2020 Phụ lục VI Phần II (CodeNumber,
CodeNotation, IssuedDate, OrganName, Subject …) where our types hold them.
"""

from html import escape
from qlvbdh_policy.rules.plain_text import clean_filename
from qlvbdh_policy.timeutil import format_date
from urllib.parse import quote

import csv
import datetime
import io
import os
import re
import unicodedata

FORMAT = "qlvbdh-agency-export/1"
METADATA_NAME = "metadata.json"
BOOKS_FOLDER = "so-van-ban"
DOCUMENTS_FOLDER = "van-ban"
# characters Windows (and so most people's unzip) cannot put in a name
_NOT_ON_WINDOWS = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}
MAX_NAME_CHARS = 120  # Windows paths stay under 260 with the folders above
_ID_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _cut(name, limit):
    """At most ``limit`` characters, the extension kept."""
    if len(name) <= limit:
        return name
    stem, ext = os.path.splitext(name)
    if len(ext) > 16:
        stem, ext = name, ""
    return stem[: max(1, limit - len(ext))].rstrip(" .") + ext


def file_name(original, taken, fallback="tep"):
    """The name a file gets inside its document's folder: the uploaded name
    (folders cut, control characters dropped, rules/plain_text.py), without
    what Windows refuses, at most MAX_NAME_CHARS, and different (ignoring
    case) from every name in ``taken`` — ``x.pdf``, ``x (2).pdf`` … The
    chosen name is added to ``taken`` (a set of lower-cased names)."""
    name = _NOT_ON_WINDOWS.sub("_", clean_filename(original or "") or "")
    name = name.strip(" .")
    stem, ext = os.path.splitext(name)
    if not stem or stem.lower() in _WINDOWS_RESERVED:
        stem = f"{stem}_" if stem else fallback
    name = _cut(stem + ext, MAX_NAME_CHARS)
    stem, ext = os.path.splitext(name)
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = _cut(stem, MAX_NAME_CHARS - len(ext) - 5) + f" ({n})" + ext
    taken.add(candidate.lower())
    return candidate


def ascii_id(value, limit=60):
    """A folder name from an object id: ASCII letters, digits, . _ -."""
    value = unicodedata.normalize("NFKD", str(value or "")).replace("đ", "d").replace("Đ", "D")
    value = _ID_SAFE.sub("-", value.encode("ascii", "ignore").decode()).strip("-.")
    return value[:limit].rstrip("-.") or "x"


def number_label(number):
    """Register numbers below 10 take a leading zero (05); none: ``_``."""
    if isinstance(number, bool) or number in (None, ""):
        return "_"
    try:
        value = int(number)
    except (TypeError, ValueError):
        return ascii_id(number, 20)
    return f"{value:02d}" if value >= 0 else ascii_id(number, 20)


def root_folder(abbr, day):
    return f"{ascii_id(abbr, 31)}-{day.isoformat()}"


def book_path(register_id, book):
    return f"{BOOKS_FOLDER}/{ascii_id(register_id)}-{ascii_id(book, 20)}.xlsx"


def document_folder(container_id, number, doc_id, taken):
    """``van-ban/<container>/<number>_<id>``, unique in ``taken``."""
    base = f"{DOCUMENTS_FOLDER}/{ascii_id(container_id)}/{number_label(number)}_{ascii_id(doc_id)}"
    folder, n = base, 1
    while folder.lower() in taken:
        n += 1
        folder = f"{base}-{n}"
    taken.add(folder.lower())
    return folder


# -- metadata.json ------------------------------------------------------------


def iso(value):
    """Dates yyyy-mm-dd, moments with their offset; containers walked."""
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): iso(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [iso(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _signer(doc):
    signer = {"Position": doc.get("signer_position") or None,
              "FullName": doc.get("signer_name") or None}
    if doc.get("kind") == "outgoing":
        signer["Competence"] = doc.get("signer_competence") or None
    return signer


def document_metadata(doc):
    """metadata.json of one document from the plain dict ``doc`` the glue
    read (keys as our types name them). Phụ lục VI Phần II: Mục I
    (outgoing) or Mục II (incoming) fields, then the routing trail
    (TraceHeaderList), the delivery status and the files."""
    kind = doc["kind"]
    meta = {
        "format": FORMAT,
        "kind": kind,
        "id": doc.get("id"),
        "uid": doc.get("uid"),
        "path": doc.get("path"),
        "register": doc.get("register"),
        "state": doc.get("state"),
        "TypeName": doc.get("type_title") or None,
        "type_id": doc.get("doc_type") or None,
        "CodeNumber": doc.get("code_number") or None,
        "CodeNotation": doc.get("code_notation") or None,
        "code": doc.get("code") or None,
        "IssuedDate": doc.get("doc_date") if kind == "incoming" else doc.get("issued_date"),
        "OrganName": doc.get("organ_name") or None,
        "Subject": doc.get("title") or None,
        "Language": "vi",
        "PageAmount": doc.get("page_count"),
        "Description": doc.get("notes") or None,
        "SignerInfo": _signer(doc),
        "Priority": {"urgency": doc.get("urgency") or None,
                     "urgency_title": doc.get("urgency_title") or None,
                     "secrecy": doc.get("secrecy") or None},
        "DueDate": doc.get("due_date"),
    }
    if kind == "incoming":
        meta.update({
            "ArrivalDate": doc.get("arrival_date"),
            "ArrivalNumber": doc.get("arrival_number"),
            "ToPlaces": doc.get("recipient_unit") or None,
            "TransferDate": doc.get("transfer_date"),
            "ReceivedOnPaper": bool(doc.get("received_on_paper")),
            "Instruction": doc.get("instruction") or None,
            "Result": doc.get("result") or None,
        })
    else:
        meta.update({
            "To": [{"OrganId": r.get("code") or None, "OrganName": r.get("title") or None}
                   for r in doc.get("recipients") or ()],
            "IssuedAmount": doc.get("copies"),
            "ArchiveHolder": doc.get("archive_holder") or None,
            "ElectronicOnly": bool(doc.get("electronic_only")),
        })
    meta["TraceHeaderList"] = doc.get("trail") or []
    meta["delivery"] = doc.get("delivery")
    meta["files"] = doc.get("files") or []
    return iso(meta)


# -- index.csv, index.html, README.txt ----------------------------------------

INDEX_KEYS = ("kind", "register", "number", "code", "date", "organ", "subject", "state",
              "folder", "files")


def _number_text(number):
    label = number_label(number)
    return "" if label == "_" else label


def index_row(doc, folder, files):
    """One line of the index for a document (``files``: names in its folder)."""
    incoming = doc["kind"] == "incoming"
    return {
        "kind": doc["kind"],
        "register": (doc.get("register") or {}).get("title") or "",
        "number": _number_text(doc.get("arrival_number") if incoming
                               else doc.get("code_number")),
        "code": doc.get("code") or "",
        "date": format_date(doc.get("arrival_date") if incoming else doc.get("issued_date")),
        "organ": doc.get("organ_name") or "",
        "subject": doc.get("title") or "",
        "state": (doc.get("state") or {}).get("title") or "",
        "folder": folder,
        "files": list(files),
    }


def index_csv(rows, headers):
    """``headers``: key → column title. A leading ``= + - @`` is quoted so
    that a spreadsheet shows text, not a formula (as exports/xlsx.py)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([headers[k] for k in INDEX_KEYS])
    for row in rows:
        cells = [row[k] if k != "files" else " | ".join(row[k]) for k in INDEX_KEYS]
        writer.writerow(["'" + c if isinstance(c, str) and c.startswith(("=", "+", "-", "@"))
                         else c for c in cells])
    return out.getvalue()


def _href(path):
    return quote(path, safe="/")


def index_html(title, lines, books, rows, headers, kinds):
    """A page a browser opens from the unpacked folder: the books, then one
    row per document with links to its metadata and files. ``books``:
    (label, path); ``kinds``: kind → its Vietnamese name."""
    e = escape
    out = ['<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">',
           f"<title>{e(title)}</title>",
           "<style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}"
           "td,th{border:1px solid #999;padding:3px 6px;vertical-align:top;font-size:90%}"
           "th{background:#eee}</style></head><body>",
           f"<h1>{e(title)}</h1>"]
    out += [f"<p>{e(line)}</p>" for line in lines]
    out.append(f"<h2>{e(headers['books'])}</h2><ul>")
    out += [f'<li><a href="{e(_href(path))}">{e(label)}</a></li>' for label, path in books]
    out.append(f"</ul><h2>{e(headers['documents'])}</h2><table><tr>")
    keys = [k for k in INDEX_KEYS if k != "folder"]
    out += [f"<th>{e(headers[k])}</th>" for k in keys]
    out.append("</tr>")
    for row in rows:
        out.append("<tr>")
        for key in keys:
            if key == "files":
                links = [f'<a href="{e(_href(row["folder"] + "/" + METADATA_NAME))}">'
                         f"{e(METADATA_NAME)}</a>"]
                links += [f'<a href="{e(_href(row["folder"] + "/" + name))}">{e(name)}</a>'
                          for name in row["files"]]
                out.append(f"<td>{'<br>'.join(links)}</td>")
            elif key == "kind":
                out.append(f"<td>{e(kinds.get(row[key], row[key]))}</td>")
            else:
                out.append(f"<td>{e(str(row[key]))}</td>")
        out.append("</tr>")
    out.append("</table></body></html>\n")
    return "\n".join(out)
