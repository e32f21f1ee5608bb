"""One agency's own export (Quy chế Điều 8.4: each agency backs up its
data with the IT centre): a ZIP with its register books (XLSX, the books'
own export), every document's metadata (JSON) and files, an index and a
README, readable without the system. Layout and JSON shape: the pure
rules/agency_export.py.

Everything is found through the catalog under the agency's path (its
registers, its inbox, drafts, a merged agency's archive kept inside it);
nothing of another agency is read. The ZIP is written to a file, each
blob copied in chunks, and object caches are trimmed as documents go by,
so an agency of 50,000 documents does not sit in memory. The caller
checks who may export (site managers) and runs this as Manager.
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.agencies.abbreviations import agency_by_abbr
from qlvbdh_policy.agencies.abbreviations import domain_abbr
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.registers import book as B
from qlvbdh_policy.registers import listing
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import trail
from qlvbdh_policy.rules import agency_export as R
from qlvbdh_policy.rules.notation import format_number
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import vietnam_timestamp
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.vocabularies.registry_vocabularies import document_type_map
from qlvbdh_policy.vocabularies.registry_vocabularies import term_map
from ZPublisher.Iterators import filestream_iterator

import hashlib
import json
import os
import shutil
import tempfile
import zipfile

DOCUMENT_TYPES = ("IncomingDocument", "OutgoingDocument")
CHUNK = 1 << 20
GC_EVERY = 200  # documents between two trims of the object cache

MSG_NO_AGENCY = _("There is no agency “${agency}” (give its domain abbreviation or folder id).")
MSG_INDEX_TITLE = _("Data of ${agency}")
MSG_EXPORTED_ON = _("Exported on ${when} from the document management system; "
                    "${documents} documents, ${files} files, ${books} register books.")
MSG_HOW_TO_READ = _("Open index.html in a web browser or index.csv in a spreadsheet: each "
                    "document is a folder holding metadata.json and its files.")
MSG_BOOKS = _("Register books")
MSG_DOCUMENTS = _("Documents")
MSG_KIND_INCOMING = _("Incoming")
MSG_KIND_OUTGOING = _("Outgoing")
MSG_COL_KIND = _("Incoming or outgoing")
MSG_COL_REGISTER = _("Register")
MSG_COL_NUMBER = _("Number")
MSG_COL_CODE = _("Number and notation")
MSG_COL_DATE = _("Arrival or issue date")
MSG_COL_ORGAN = _("Issuing agency")
MSG_COL_SUBJECT = _("Summary")
MSG_COL_STATE = _("State")
MSG_COL_FOLDER = _("Folder")
MSG_COL_FILES = _("Files")
# README.txt: one message per paragraph or list item (i18n tools write no
# message id with line breaks in it), each followed by its line breaks
MSG_README = (
    (_("This archive holds the data of ${agency} (domain ${abbr}) as the document management "
       "system held it on ${when} (Quy chế 03/2014/QĐ-UBND Tiền Giang, Article 8.4)."), "\n\n"),
    (_("- index.html: open it in a web browser; it lists the register books and every "
       "document with links to its files."), "\n"),
    (_("- index.csv: the same list for a spreadsheet (UTF-8)."), "\n"),
    (_("- ${books_folder}/: the register books as XLSX, as the system prints them (Decree "
       "30/2020, Appendix IV)."), "\n"),
    (_("- ${documents_folder}/<register>/<number>_<id>/: one folder per document: "
       "metadata.json (the fields of Decree 30/2020 Appendix VI: CodeNumber, CodeNotation, "
       "IssuedDate, OrganName, Subject, ArrivalNumber …; the processing trail in "
       "TraceHeaderList; the delivery status in delivery; the files with their size and "
       "SHA-256) and the document's files, byte for byte as stored, under their original "
       "names cleaned of characters a disk cannot hold."), "\n\n"),
    (_("Dates in metadata.json are written yyyy-mm-dd (ISO 8601), times with their offset "
       "(+07:00); the index shows dd/mm/yyyy."), "\n"),
)

HEADERS = {"kind": MSG_COL_KIND, "register": MSG_COL_REGISTER, "number": MSG_COL_NUMBER,
           "code": MSG_COL_CODE, "date": MSG_COL_DATE, "organ": MSG_COL_ORGAN,
           "subject": MSG_COL_SUBJECT, "state": MSG_COL_STATE, "folder": MSG_COL_FOLDER,
           "files": MSG_COL_FILES, "books": MSG_BOOKS, "documents": MSG_DOCUMENTS}
KINDS = {"incoming": MSG_KIND_INCOMING, "outgoing": MSG_KIND_OUTGOING}
# formats that are compressed already: stored as they are (no CPU spent for nothing)
STORED = frozenset("pdf docx xlsx xlsm pptx ppsx dotx odt ods odp odg jpg jpeg png gif "
                   "webp zip gz 7z rar".split())


class AgencyNotFound(LookupError):
    """No agency by that name (the command says so and exits 2)."""


def find_agency(site, token):
    """The agency whose domain abbreviation (now or before a rename),
    folder id or UID is ``token``."""
    token = (token or "").strip()
    agency = agency_by_abbr(site, token)[0] if token else None
    for key in ("id", "UID"):
        if agency is not None or not token:
            break
        for brain in site.portal_catalog.unrestrictedSearchResults(portal_type="Agency",
                                                                   **{key: token}):
            agency = brain._unrestrictedGetObject()
    if agency is None:
        raise AgencyNotFound(in_vietnamese(_(MSG_NO_AGENCY, mapping={"agency": token})))
    return agency


def export_name(agency, day=None):
    day = day or vietnam_timestamp().date()
    return R.root_folder(domain_abbr(agency), day) + ".zip"


def _path(obj):
    return "/".join(obj.getPhysicalPath())


def _search(**query):
    return api.portal.get_tool("portal_catalog").unrestrictedSearchResults(**query)


def _state(obj, wftool, request):
    state = api.content.get_state(obj, default=None)
    title = wftool.getTitleForStateOnType(state, obj.portal_type) if state else None
    return {"id": state, "title": in_vietnamese(title, request, "plone") if title else None}


def _recipients(obj, agencies):
    """Nơi nhận: the province's agencies (their mã định danh when known),
    then the other recipients as written."""
    out = [agencies.get(uid, {"title": None, "code": None, "uid": uid})
           for uid in getattr(obj, "recipients_internal", None) or ()]
    out += [{"title": name, "code": None} for name in getattr(obj, "recipients_external", None) or ()]
    return out


def _delivery(obj, request):
    if obj.portal_type == "OutgoingDocument":
        return [{"agency_uid": uid, "agency": entry.get("agency_title"),
                 "status": entry.get("status"),
                 "status_title": in_vietnamese(delivery.STATUS_TITLES[entry["status"]], request)
                 if entry.get("status") in delivery.STATUS_TITLES else None,
                 "arrival_number": entry.get("arrival_number"),
                 "reason": entry.get("reason") or None, "updated": entry.get("updated")}
                for uid, entry in delivery.deliveries(obj).items()]
    source = getattr(obj, "source_uid", None)
    if not source:
        return None
    return {"source_uid": source, "from_agency": getattr(obj, "sender_name", None)}


class _Writer:
    """The open ZIP and the counts of what went in."""

    def __init__(self, archive, root):
        self.zip, self.root = archive, root
        self.files = self.documents = self.books = 0
        self.bytes = 0

    def text(self, name, text):
        self.zip.writestr(f"{self.root}/{name}", text.encode("utf-8"),
                          compress_type=zipfile.ZIP_DEFLATED)

    def data(self, name, data, compress=True):
        self.zip.writestr(f"{self.root}/{name}", data,
                          compress_type=zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED)

    def blob(self, name, named_file):
        """Copy a stored file in chunks; its size and SHA-256."""
        compress = os.path.splitext(name)[1].lower().lstrip(".") not in STORED
        info = zipfile.ZipInfo(f"{self.root}/{name}",
                               date_time=vietnam_timestamp().timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        digest, size = hashlib.sha256(), 0
        with named_file.open() as source, self.zip.open(info, "w", force_zip64=True) as target:
            while True:
                chunk = source.read(CHUNK)
                if not chunk:
                    break
                digest.update(chunk)
                target.write(chunk)
                size += len(chunk)
        self.files += 1
        self.bytes += size
        return size, digest.hexdigest()


def _files(obj):
    """(role, title, NamedBlobFile) of the main file and the attachments."""
    out = []
    if getattr(obj, "file", None) is not None:
        out.append(("main", None, obj.file))
    for brain in _search(portal_type="File", path={"query": _path(obj), "depth": 1},
                         sort_on="id"):
        attachment = brain._unrestrictedGetObject()
        if getattr(attachment, "file", None) is not None:
            out.append(("attachment", attachment.title, attachment.file))
    return out


def _document(obj, register, types, urgencies, agencies, wftool, request):
    """The plain dict rules/agency_export.py shapes."""
    incoming = obj.portal_type == "IncomingDocument"
    term = types.get(getattr(obj, "doc_type", None))
    urgency = urgencies.get(getattr(obj, "urgency", None))
    own = agency_of(obj).title
    fields = {name: getattr(obj, name, None) for name in (
        "code_number", "code_notation", "doc_date", "issued_date", "title", "page_count",
        "notes", "signer_name", "signer_position", "signer_competence", "urgency", "secrecy",
        "due_date", "arrival_date", "arrival_number", "recipient_unit", "transfer_date",
        "received_on_paper", "instruction", "result", "copies", "archive_holder",
        "electronic_only", "doc_type")}
    fields.update(
        kind="incoming" if incoming else "outgoing", id=obj.getId(), uid=obj.UID(),
        path=_path(obj), code=obj.code or None,
        register={k: register[k] for k in ("id", "title", "year", "kind")},
        state=_state(obj, wftool, request), type_title=term.title if term else None,
        urgency_title=urgency.title if urgency else None,
        organ_name=obj.sender_name if incoming else own,
        recipients=None if incoming else _recipients(obj, agencies),
        trail=trail.entries(obj), delivery=_delivery(obj, request),
    )
    if not incoming and fields["code_number"] is not None:
        # CodeNumber is the number as printed (01); documents issued before
        # upgrade 1019 may still hold a whole number
        fields["code_number"] = format_number(fields["code_number"])
    return fields


def _container_info(obj, containers):
    """The register (or the inbox, or a draft area) a document lies in."""
    parent = obj.aq_parent
    key = _path(parent)
    if key not in containers:
        containers[key] = {"id": parent.getId(), "title": parent.Title(),
                           "year": getattr(parent, "year", None),
                           "kind": getattr(parent, "kind", None) or parent.portal_type}
    return containers[key]


def write_export(agency, path, request):
    """Write ``agency``'s export to the file ``path``; what went in."""
    wftool = api.portal.get_tool("portal_workflow")
    now = vietnam_timestamp()
    root = R.root_folder(domain_abbr(agency), now.date())
    agency_path = _path(agency)
    types, urgencies = document_type_map(), term_map("urgency")
    agencies = {}  # the province's agencies, named as recipients (To: OrganId, OrganName)
    for brain in _search(portal_type="Agency"):
        other = brain._unrestrictedGetObject()
        agencies[brain.UID] = {"uid": brain.UID, "title": other.title,
                               "code": getattr(other, "agency_code", None) or None}
    rows, books, taken = [], [], set()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        out = _Writer(archive, root)
        for brain in _search(portal_type="Register", path=agency_path, sort_on="id"):
            register = brain._unrestrictedGetObject()
            for book in listing.book_kinds(register):
                name = R.book_path(register.getId(), book)
                out.data(name, B.book_xlsx(register, book, {"sort": "number"}, request,
                                              unrestricted=True),
                         compress=False)
                books.append((f"{register.Title()} — {in_vietnamese(B.C.TITLES[book], request)}", name))
                out.books += 1
        containers = {}
        query = {"portal_type": DOCUMENT_TYPES, "path": agency_path, "sort_on": "path"}
        for count, brain in enumerate(_search(**query), start=1):
            obj = brain._unrestrictedGetObject()
            register = _container_info(obj, containers)
            doc = _document(obj, register, types, urgencies, agencies, wftool, request)
            number = doc["arrival_number"] if doc["kind"] == "incoming" else doc["code_number"]
            folder = R.document_folder(register["id"], number, doc["id"], taken)
            names, files = set([R.METADATA_NAME]), []
            for role, title, named in _files(obj):
                name = R.file_name(named.filename, names)
                size, sha = out.blob(f"{folder}/{name}", named)
                files.append({"name": name, "original_name": named.filename, "role": role,
                              "title": title, "content_type": named.contentType,
                              "size": size, "sha256": sha})
            doc["files"] = files
            out.text(f"{folder}/{R.METADATA_NAME}",
                     json.dumps(R.document_metadata(doc), ensure_ascii=False, indent=2))
            rows.append(R.index_row(doc, folder, [f["name"] for f in files]))
            out.documents += 1
            if count % GC_EVERY == 0:
                agency._p_jar.cacheGC()
        headers = {k: in_vietnamese(v, request) for k, v in HEADERS.items()}
        kinds = {k: in_vietnamese(v, request) for k, v in KINDS.items()}
        title = in_vietnamese(_(MSG_INDEX_TITLE, mapping={"agency": agency.title}), request)
        lines = [in_vietnamese(_(MSG_EXPORTED_ON, mapping={
            "when": format_datetime(now), "documents": out.documents, "files": out.files,
            "books": out.books}), request), in_vietnamese(MSG_HOW_TO_READ, request)]
        out.text("index.html", R.index_html(title, lines, books, rows, headers, kinds))
        out.text("index.csv", R.index_csv(rows, headers))
        about = {"agency": agency.title, "abbr": domain_abbr(agency),
                 "when": format_datetime(now), "books_folder": R.BOOKS_FOLDER,
                 "documents_folder": R.DOCUMENTS_FOLDER}
        readme = "".join(in_vietnamese(_(msgid, mapping=about), request) + end for msgid, end in MSG_README)
        out.text("README.txt", readme + "\n" + "\n".join(lines) + "\n")
    return {"root": root, "documents": out.documents, "files": out.files, "books": out.books,
            "file_bytes": out.bytes, "size": os.path.getsize(path)}


def send_export(agency, request):
    """The answer of the site manager's action and of REST: the ZIP written
    to a temporary file as Manager (every document, whoever may read it;
    the caller checked the permission), then streamed from that file. The
    file is unlinked before streaming starts, so it goes once sent."""
    handle, path = tempfile.mkstemp(prefix="qlvbdh-export-", suffix=".zip")
    os.close(handle)
    try:
        with api.env.adopt_roles(["Manager"]):
            write_export(agency, path, request)
        stream = filestream_iterator(path, "rb")
    finally:
        os.unlink(path)
    response = request.response
    response.setHeader("Content-Type", "application/zip")
    response.setHeader("Content-Disposition",
                       f'attachment; filename="{export_name(agency)}"')
    response.setHeader("Cache-Control", "no-store")
    return stream


def export_to_folder(agency, folder, request):
    """Write the export into ``folder`` (created when missing) as
    ``<abbr>-<yyyy-mm-dd>.zip``, through a temporary name: a cron job
    never leaves half a ZIP under the final name."""
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, export_name(agency))
    partial = target + ".partial"
    try:
        summary = write_export(agency, partial, request)
        shutil.move(partial, target)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return target, summary
