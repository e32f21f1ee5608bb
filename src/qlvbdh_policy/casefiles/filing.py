"""Case files (hồ sơ công việc): opened, documents put in and taken out,
closed (NĐ 30/2020 Điều 29; Phụ lục VI III.4, IV.1.g).

The browser forms and the REST services call these functions. A case file
holds its documents by UID, in order: a document may be in several case
files of several people without being copied (III.4.e), and its order
number in each is its place there (III.4.b). Closing a case file freezes
it (IV.1.g): nothing is put in or taken out, and a document it holds is
not changed any more (``check_document_changeable``, which other features
may call before they change a document).

:raises: ``CaseFileRefused`` (HTTP 400) for bad input,
    ``CaseFileForbidden`` (403) for a person who may not keep the case
    file or read the document, ``CaseFileFrozen`` (409) for a closed one.
"""

from AccessControl import getSecurityManager
from plone import api
from plone.i18n.normalizer.interfaces import IIDNormalizer
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.dissolution import refuse_changes_in_archive
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.content.validation import DocumentRefused
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.validation import plain
from qlvbdh_policy.content.validation import refuse
from qlvbdh_policy.interfaces import ICaseFile
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.routing import steps
from qlvbdh_policy.routing.trail import principal_title
from qlvbdh_policy.rules import case_files as R
from qlvbdh_policy.rules import plausible
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import vietnam_today
from zope.component import getUtility

import datetime

#: the states in which a case file takes documents; every other one (closed,
#: and the hand-over states to come) is frozen
OPEN_STATES = ("open",)
CLOSE = "close"
#: the roles that keep every case file of their agency while it is open (the
#: workflow's “Modify portal content” but Owner): they may open one for its
#: person responsible
KEEPERS = frozenset({"Manager", "Site Administrator", "Clerk", "Leader"})
#: the keyword argument that tells the workflow the closing data were
#: recorded by ``close`` (a bare @workflow/close is refused)
STEP_KEY = "qlvbdh_case_file_step"

MSG_NEED_ENTRY = _(
    "Choose the file plan entry the case file is opened from, or mark it as outside the "
    "file plan (${rule})."
)
MSG_NEED_OWN = _(
    "A case file outside the file plan needs its own ${field} (${rule})."
)
MSG_NOT_ENTRY = _("“${value}” is not an entry of this agency's file plan (${rule}).")
MSG_NOT_IN_AGENCY = _("${name} is not a person of this agency.")
MSG_NOT_RESPONSIBLE = _(
    "The file plan entry ${code} is kept by ${name}: only that person, the clerks or the "
    "leaders open its case file (${rule})."
)
MSG_FROZEN = _(
    "The case file “${title}” was closed on ${date}: its documents can no longer be "
    "added, taken out or changed (${rule})."
)
MSG_DOCUMENT_FROZEN = _(
    "The document is in the case file “${title}”, closed on ${date}: it can no longer be "
    "changed (${rule})."
)
MSG_MAY_NOT_KEEP = _("You may not keep the case file “${title}”.")
MSG_NO_DOCUMENT = _("“${value}” is not a document of this agency that you may open.")
MSG_NEED_DOCUMENTS = _("Name the documents (their UIDs).")
MSG_BAD_DATE = _("${field}: “${value}” is not a date; write it as yyyy-mm-dd.")
MSG_USE_CLOSE = _(
    "Closing a case file records its closing date and page count: use its form or the "
    "REST service @close."
)
MSG_NOT_ENTRY_CASE_FILE = _("“${value}” is not a case file you may keep.")
MSG_NOT_IN_CASE_FILE = _("“${value}” is not in the case file “${title}”.")

FIELD_TITLES = {"code": _("Case file notation"), "title": _("Case file title"),
                "retention": _("Retention period")}


class CaseFileRefused(DocumentRefused):
    """Bad input for a case file (HTTP 400)."""


class CaseFileForbidden(ForbiddenRefusal, CaseFileRefused):
    """Not this person's case file, or not a document he may open (403)."""


class CaseFileFrozen(CaseFileRefused):
    """The case file is closed (IV.1.g): 409, a step in the wrong state."""

    status = 409
    error_type = "Conflict"


# -- state -------------------------------------------------------------------


def is_open(case_file):
    return api.content.get_state(case_file, default=None) in OPEN_STATES


def check_open(case_file, refusal=CaseFileFrozen, msgid=MSG_FROZEN, field="documents"):
    # the case files of a dissolved or merged agency are its read-only archive
    refuse_changes_in_archive(case_file, None)
    if not is_open(case_file):
        raise refusal(msgid, {"title": case_file.Title(), "date": format_date(case_file.closed),
                              "rule": R.RULE_CLOSED}, field, R.RULE_CLOSED)


def may_keep(case_file):
    """The person responsible, the agency's clerks and leaders (the
    workflow gives them “Modify portal content” while it is open)."""
    return bool(getSecurityManager().checkPermission(permissions.ModifyPortalContent, case_file))


def check_may_keep(case_file):
    if not may_keep(case_file):
        raise CaseFileForbidden(MSG_MAY_NOT_KEEP, {"title": case_file.Title()}, "documents")


# -- opening -------------------------------------------------------------------


def entry_of(case_file):
    """The file plan entry the case file was opened from, or None."""
    uid = getattr(case_file, "plan_entry", None)
    if not uid:
        return None
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        UID=uid, portal_type="FilePlanEntry")
    if not brains:
        return None
    entry = brains[0]._unrestrictedGetObject()
    return entry if agency_of(entry) == agency_of(case_file) else None


def _fill_from_entry(case_file):
    """Điều 29.2.b: the case file starts with its entry's information."""
    entry = entry_of(case_file)
    if entry is None:
        raise CaseFileRefused(MSG_NOT_ENTRY, {"value": case_file.plan_entry,
                                              "rule": R.RULE_DATES}, "plan_entry")
    for name in ("code", "title", "retention", "responsible"):
        if not getattr(case_file, name, None):
            setattr(case_file, name, getattr(entry, name, None))


def _check_own_data(case_file):
    """Điều 29.2.c: outside the plan, the person sets notation, title and
    retention himself."""
    for name in ("code", "title", "retention"):
        if not getattr(case_file, name, None):
            raise CaseFileRefused(MSG_NEED_OWN, {"field": FIELD_TITLES[name],
                                                 "rule": R.RULE_DATES}, name)


def _check_responsible(case_file):
    """Someone of the agency; the person who opens it when nobody is named."""
    if not case_file.responsible:
        case_file.responsible = api.user.get_current().getId()
    elif not steps.is_member_of_agency(agency_of(case_file), case_file.responsible):
        raise CaseFileRefused(MSG_NOT_IN_AGENCY, {"name": case_file.responsible}, "responsible")


def is_keeper(context):
    """Whether the current user keeps every case file of the context's
    agency (clerk, leader, site manager)."""
    return bool(KEEPERS & set(api.user.get_roles(user=api.user.get_current(), obj=context)))


def may_open_entry(entry):
    """Điều 29.2.a: the person a plan entry names opens its case file; the
    clerks and leaders may open it for him; an entry naming nobody, anyone
    of the agency (he is then its person responsible). The open form offers
    only these entries."""
    responsible = getattr(entry, "responsible", None)
    return (not responsible or responsible == api.user.get_current().getId()
            or is_keeper(entry))


def _check_opener(case_file):
    """Điều 29.2.a: the person responsible opens the case file of his
    entry; the clerks and leaders, who keep every case file, may open it
    for him; another staff member may not (he would keep it as its Owner),
    not even by naming himself responsible for another person's entry."""
    if is_keeper(case_file):
        return
    userid = api.user.get_current().getId()
    entry = entry_of(case_file) if case_file.plan_entry else None
    named = getattr(entry, "responsible", None) or case_file.responsible
    if userid == named == case_file.responsible:
        return
    raise CaseFileForbidden(MSG_NOT_RESPONSIBLE, {
        "code": case_file.code, "name": principal_title(named),
        "rule": R.RULE_DATES}, "plan_entry", R.RULE_DATES)


def _drop_creator(case_file):
    """The one who opened the case file for its person responsible keeps
    it by his own role, not as its Owner (who hands it over)."""
    for userid, roles in case_file.get_local_roles():
        if userid != case_file.responsible and "Owner" in roles:
            kept = [r for r in roles if r != "Owner"]
            case_file.manage_delLocalRoles([userid])
            if kept:
                case_file.manage_setLocalRoles(userid, kept)


def _grant_responsible(case_file):
    """The person responsible owns the case file (Owner, the workflow's
    keeper role); a former one loses it."""
    previous = getattr(case_file, "_responsible_granted", None)
    if previous == case_file.responsible:
        return
    if previous:
        case_file.manage_delLocalRoles([previous])
    roles = set(case_file.get_local_roles_for_userid(case_file.responsible)) | {"Owner"}
    case_file.manage_setLocalRoles(case_file.responsible, sorted(roles))
    case_file._responsible_granted = case_file.responsible
    case_file.reindexObjectSecurity()


def check_case_file(case_file):
    """The rules of Điều 29.2 on a stored case file (forms, REST, Python)."""
    if case_file.plan_entry:
        case_file.outside_plan = False
        _fill_from_entry(case_file)
    elif not case_file.outside_plan:
        raise CaseFileRefused(MSG_NEED_ENTRY, {"rule": R.RULE_DATES}, "plan_entry")
    _check_own_data(case_file)
    case_file.code = R.normalise_notation(case_file.code)
    refuse(R.refuse_notation(case_file.code, "code"))
    refuse(R.refuse_retention(case_file.retention, "retention"))
    _check_responsible(case_file)


def _store_opened(case_file):
    """The opening date (Điều 29.2) is kept as of the day the case file is
    opened: left to the field's default (today) it would move with the
    calendar, and last year's case files would leave last year's lists."""
    if "opened" not in case_file.__dict__:
        case_file.opened = case_file.opened


def on_case_file_added(case_file, event):
    _store_opened(case_file)
    check_case_file(case_file)
    _check_opener(case_file)
    _drop_creator(case_file)
    _grant_responsible(case_file)
    case_file.reindexObject()


def on_case_file_modified(case_file, event):
    check_open(case_file, field="title")
    check_case_file(case_file)
    _grant_responsible(case_file)
    case_file.reindexObject()


def open_case_file(agency, plan_entry=None, outside_plan=False, **fields):
    """Mở hồ sơ (Điều 29.2): from an entry of the agency's file plan (its
    notation, title, retention and person responsible unless given), or
    outside the plan with its own. ``fields``: code, title, retention,
    responsible, opened, notes.

    :raises: CaseFileRefused; Unauthorized for someone who may not add one."""
    data = {k: v for k, v in fields.items() if v not in (None, "")}
    if plan_entry and not data.get("title"):
        brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            UID=plan_entry, portal_type="FilePlanEntry")
        data["title"] = brains[0].Title if brains else None
    data["id"] = free_id(agency, data.get("title") or "ho-so")
    return api.content.create(
        container=agency, type="CaseFile", plan_entry=plan_entry or None,
        outside_plan=bool(outside_plan), **data)


def free_id(container, text):
    """An id from ``text`` that ``container`` does not hold yet: given to
    plone.api, which would otherwise rename the new object, a step that
    asks for permissions the person opening a case file need not have."""
    base = getUtility(IIDNormalizer).normalize(text, max_length=60)
    candidate, n = base, 0
    while candidate in container.objectIds():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


# -- documents -------------------------------------------------------------------


def _document(case_file, uid):
    """The document ``uid`` of the case file's agency, if the current user
    may open it."""
    brains = api.portal.get_tool("portal_catalog").searchResults(
        UID=uid, object_provides=IOfficialDocument.__identifier__) if isinstance(
        uid, str) and uid else []
    doc = brains[0].getObject() if brains else None
    if doc is None or agency_of(doc) != agency_of(case_file):
        raise CaseFileForbidden(MSG_NO_DOCUMENT, {"value": str(uid)}, "documents")
    return doc


def _uids(values):
    if not values or not isinstance(values, (list, tuple)):
        raise CaseFileRefused(MSG_NEED_DOCUMENTS, {}, "documents")
    return list(values)


def add_documents(case_file, uids):
    """Put documents in, at the end, in the order given (III.4.b); one
    already in keeps its place. Returns the UIDs added."""
    check_open(case_file)
    check_may_keep(case_file)
    docs = [_document(case_file, uid) for uid in _uids(uids)]
    documents, new = R.added(case_file.documents or (), [d.UID() for d in docs])
    refuse(R.refuse_count(documents))
    if new:
        case_file.documents = documents
        case_file.reindexObject(idxs=["case_file_documents"])
    return new


def remove_documents(case_file, uids):
    """Take documents out; the others close up (their order numbers stay
    1 … n). Refused once the case file is closed (IV.1.g)."""
    check_open(case_file)
    check_may_keep(case_file)
    uids = _uids(uids)
    documents, gone = R.removed(case_file.documents or (), uids)
    missing = [u for u in uids if u not in gone]
    if missing:
        raise CaseFileRefused(MSG_NOT_IN_CASE_FILE,
                              {"value": str(missing[0]), "title": case_file.Title()}, "documents")
    case_file.documents = documents
    case_file.reindexObject(idxs=["case_file_documents"])
    return gone


# -- closing ---------------------------------------------------------------------


def _read_date(value, field, title):
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise CaseFileRefused(MSG_BAD_DATE, {"field": title, "value": str(value)}, field) from None


def close(case_file, closed=None, page_count=None, notes=None):
    """Kết thúc hồ sơ (Điều 29.4): the closing date (today unless given),
    the page count and notes recorded, then the case file is frozen."""
    check_open(case_file, field="transition")
    check_may_keep(case_file)
    closed = _read_date(closed, "closed", _("Closed on")) or vietnam_today()
    refuse(plausible.refuse_count(page_count, "page_count", _("Number of pages"),
                                  bounds=R.PAGE_COUNT_BOUNDS))
    refuse(R.refuse_closing(case_file.opened, closed, "closed"))
    refuse(R.refuse_closing_before_documents(closed, document_dates(case_file)))
    if closed > vietnam_today():
        raise CaseFileRefused(MSG_BAD_DATE, {"field": _("Closed on"),
                                             "value": format_date(closed)}, "closed")
    if notes is not None:
        case_file.notes = plain(notes, "notes", _("Notes"), multi=True,
                                refused=CaseFileRefused)
    case_file.closed, case_file.page_count = closed, page_count
    api.portal.get_tool("portal_workflow").doActionFor(
        case_file, CLOSE, comment="", **{STEP_KEY: CLOSE})
    case_file.reindexObject()
    return case_file


def _as_date(value):
    if hasattr(value, "asdatetime"):  # a Zope DateTime
        return value.asdatetime().date()
    if isinstance(value, datetime.datetime):
        return value.date()
    return value if isinstance(value, datetime.date) else None


def document_dates(case_file):
    """(name, date) of each document of the case file, in order: the date
    it arrived (incoming) or was issued (outgoing), named by its number
    and summary (from the catalog, whoever may read it)."""
    uids = list(case_file.documents or ())
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=uids)
    by_uid = {b.UID: b for b in brains}
    out = []
    for uid in uids:
        brain = by_uid.get(uid)
        if brain is None:
            continue
        date = _as_date(brain.arrival_date) or _as_date(brain.issued_date)
        name = " – ".join(p for p in (brain.document_code or "", brain.Title or "") if p)
        out.append((name, date))
    return out


def on_before_transition(case_file, event):
    """A bare ``@workflow/close`` (or the state menu's link) would close a
    case file without its closing data."""
    transition = event.transition.id if event.transition is not None else None
    if transition == CLOSE and (event.kwargs or {}).get(STEP_KEY) != CLOSE:
        raise steps.StepRefused(MSG_USE_CLOSE, {}, "transition")


# -- what a case file holds, and where a document is -----------------------------


def case_files_of(doc, states=None):
    """Catalog entries of the case files holding ``doc`` (any person's)."""
    query = {"portal_type": "CaseFile", "case_file_documents": doc.UID()}
    if states:
        query["review_state"] = list(states)
    return api.portal.get_tool("portal_catalog").unrestrictedSearchResults(**query)


def frozen_case_file_of(doc):
    """A closed case file holding ``doc``, or None."""
    for brain in case_files_of(doc):
        if brain.review_state not in OPEN_STATES:
            return brain._unrestrictedGetObject()
    return None


def check_document_changeable(doc):
    """Refuses a change to a document held by a closed case file (IV.1.g).
    Other features call it before they change a document's metadata.

    :raises: CaseFileFrozen"""
    case_file = frozen_case_file_of(doc)
    if case_file is not None:
        check_open(case_file, msgid=MSG_DOCUMENT_FROZEN, field="documents")


def refuse_changes_when_frozen(obj, event):
    """Subscriber: a filed document (or its attachment) is modified."""
    doc = obj if IOfficialDocument.providedBy(obj) else getattr(obj, "aq_parent", None)
    if IOfficialDocument.providedBy(doc):
        check_document_changeable(doc)


def open_case_files_for(context):
    """The open case files of the context's agency that the current user
    keeps (for the filing step's choice), newest first."""
    agency = agency_of(context)
    if agency is None:
        return []
    brains = api.portal.get_tool("portal_catalog").searchResults(
        portal_type="CaseFile", review_state=list(OPEN_STATES),
        path="/".join(agency.getPhysicalPath()), sort_on="created", sort_order="reverse")
    return [b.getObject() for b in brains if may_keep(b.getObject())]


def has_open_case_files(context):
    """Whether the current user sees an open case file of the context's
    agency, without waking any (the document's page asks on every view).
    In the open state the workflow gives seeing and keeping to the same
    roles, so one seen is one kept."""
    agency = agency_of(context)
    if agency is None:
        return False
    return bool(len(api.portal.get_tool("portal_catalog").searchResults(
        portal_type="CaseFile", review_state=list(OPEN_STATES),
        path="/".join(agency.getPhysicalPath()), sort_limit=1)))


def toc(case_file):
    """Mục lục văn bản trong hồ sơ (Phụ lục VI V.5), in order: each
    document's order number, number and notation, date, author, summary,
    page count, notes. A document the reader may not open is listed by its
    order number only."""
    catalog = api.portal.get_tool("portal_catalog")
    rows = []
    for order, uid in R.numbered(case_file.documents or ()):
        brains = catalog.searchResults(UID=uid)
        if not brains:
            rows.append({"order": order, "uid": uid, "readable": False})
            continue
        doc = brains[0].getObject()
        rows.append({
            "order": order, "uid": uid, "readable": True, "@id": doc.absolute_url(),
            "@type": doc.portal_type, "code": getattr(doc, "code", "") or "",
            "doc_date": getattr(doc, "doc_date", None) or getattr(doc, "issued_date", None),
            "author": getattr(doc, "sender_name", None) or getattr(
                agency_of(doc), "title", ""),
            "title": doc.Title(), "page_count": getattr(doc, "page_count", None),
            "notes": getattr(doc, "notes", None) or "",
        })
    return rows


def info(case_file):
    """The case file as the REST services answer it."""
    entry = entry_of(case_file)
    agency = agency_of(case_file)
    year = (case_file.opened or vietnam_today()).year
    return {
        "@id": case_file.absolute_url(), "UID": case_file.UID(),
        "code": case_file.code, "title": case_file.title,
        "file_code": R.file_code(getattr(agency, "agency_code", None), year, case_file.code),
        "plan_entry": entry.UID() if entry is not None else None,
        "outside_plan": bool(case_file.outside_plan), "retention": case_file.retention,
        "retention_end": R.retention_end(case_file.closed, case_file.retention),
        "responsible": case_file.responsible, "opened": case_file.opened,
        "closed": case_file.closed, "page_count": case_file.page_count,
        "notes": case_file.notes or "", "review_state": api.content.get_state(case_file),
        "documents": toc(case_file),
    }


def add_to_case_files(doc, case_file_uids):
    """Put one document in the case files chosen (from the document's page
    or its filing step), each of them one the current user keeps; a
    refusal names the field ``case_files``. Returns the case files."""
    done = []
    for uid in dict.fromkeys(case_file_uids or ()):
        brains = api.portal.get_tool("portal_catalog").searchResults(
            UID=uid, object_provides=ICaseFile.__identifier__) if uid else []
        if not brains:
            raise CaseFileRefused(MSG_NOT_ENTRY_CASE_FILE, {"value": str(uid)}, "case_files")
        case_file = brains[0].getObject()
        try:
            add_documents(case_file, [doc.UID()])
        except CaseFileRefused as refusal:
            raise type(refusal)(refusal.msgid, refusal.mapping, "case_files",
                                refusal.rule) from None
        done.append(case_file)
    return done


def file_step(doc, transition, case_file_uids=(), comment=""):
    """Lưu hồ sơ: the filing step of an incoming (``file``) or outgoing
    (``archive``) document, which puts it in the case files chosen (of
    those the current user keeps) and then takes the step."""
    steps.check_allowed(doc, transition)
    add_to_case_files(doc, case_file_uids)
    steps.simple_step(doc, transition, comment)
    return doc


def case_files_seen(doc):
    """Catalog entries of the case files holding ``doc`` that the current
    user may see (the document's page lists them)."""
    return api.portal.get_tool("portal_catalog").searchResults(
        portal_type="CaseFile", case_file_documents=doc.UID(), sort_on="created")

