"""Each document's access log (issue 18; NĐ 30/2020 Phụ lục VI III.5.a:
the history of access to a document; III.6.a, b, l: who viewed, how many
accesses per document and for the system; III.7.d: the log of use).

Who viewed a document's page (or read it over REST), downloaded its files,
printed its phiếu, changed its fields (edit form, REST PATCH: only that it
changed; the old values are the change history's) or took a step of its
routing (every workflow step a person takes), when, from which host and
address. Kept in ``document_log_store`` (a SQLite file beside the
database), never in the ZODB: a page view writes nothing to the ZODB.

How an entry is kept: ``note`` is called while the request is computed and
only registers an after-commit hook on the request's transaction; the
entry is written once that transaction has committed, when the answer is
computed and before it is sent. A request that fails or is refused keeps
nothing; a request retried after a conflict keeps only the try that
committed; a step taken by a cron job is kept when the job commits. A
write that fails (a full disk, a locked file for longer than the store
waits) is logged and the request goes on: the log never fails a request.

Where: zope.conf's ``<product-config qlvbdh_policy> access-log PATH``
(``instance/zope.conf.in``: beside the blob storage, shared by the
instances of the machine), or the environment's ``QLVBDH_ACCESS_LOG``
first; else ``access-log.sqlite`` in Zope's var folder.

Settings (Site Setup → Configuration registry): ``qlvbdh.access_log_enabled``
(the bench switches it off to measure the log's cost) and
``qlvbdh.access_log_retention_days`` (entries older are pruned: once a day
by the first write of the day in each process, and by ``make
prune-access-log`` from cron).

Readers: the document's agency's leaders, its administrators and site
managers (``READ_PERMISSION`` held on the AGENCY: a role given on the
document alone — a handler, someone informed, a role on its Sharing tab —
does not open its log).
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from App.config import getConfiguration
from pathlib import Path
from plone import api
from Products.DCWorkflow.Transitions import TRIGGER_AUTOMATIC
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.stats import document_log_store as store
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import vietnam_now
from qlvbdh_policy.timeutil import VIETNAM_OFFSET
from qlvbdh_policy.vietnamese import in_vietnamese
from urllib.parse import urlsplit
from zExceptions import Unauthorized
from zope.container.interfaces import IContainerModifiedEvent
from zope.globalrequest import getRequest

import datetime
import logging
import os
import tempfile
import transaction

log = logging.getLogger(__name__)

PRODUCT = "qlvbdh_policy"
CONFIG_KEY = "access-log"
ENVIRON_KEY = "QLVBDH_ACCESS_LOG"
FILE_NAME = "access-log.sqlite"
ENABLED_RECORD = "qlvbdh.access_log_enabled"
RETENTION_RECORD = "qlvbdh.access_log_retention_days"
RETENTION_DAYS = 365  # when the record is missing
READ_PERMISSION = permissions.ReadAccessLog
# frames of the document's own page: the page's view is logged, not its frame
FRAMED = frozenset({"iframe", "frame", "embed", "object"})

VIEW, DOWNLOAD, PRINT, CHANGE, ROUTE = "view", "download", "print", "change", "route"
ACTIONS = (VIEW, DOWNLOAD, PRINT, CHANGE, ROUTE)
ACTION_TITLES = {VIEW: _("Viewed"), DOWNLOAD: _("Downloaded"), PRINT: _("Printed"),
                 CHANGE: _("Changed"), ROUTE: _("Routing step")}
LABELS = {"when": _("Time"), "action_title": _("Action"), "fullname": _("Done by"),
          "host": _("Host"), "client": _("Client address"), "detail": _("Details")}
MSG_READ_REFUSED = _(
    "Access log of a document of ${agency}: only the agency's leaders, its administrators "
    "and site managers read it.")
KIND_TITLES = {"IncomingDocument": _("Incoming"), "OutgoingDocument": _("Outgoing")}

_pruned = {}  # {database path: the day this process last pruned it}


class DocumentLogRefused(ForbiddenRefusal):
    """Reading a document's log without being one of its readers."""


# -- where and whether --------------------------------------------------------


def database_path():
    """The SQLite file of this process (see the module's doc)."""
    path = os.environ.get(ENVIRON_KEY)
    if not path:
        config = getattr(getConfiguration(), "product_config", None) or {}
        path = (config.get(PRODUCT) or {}).get(CONFIG_KEY)
    if not path:  # Zope's var folder (a process without one: the temporary folder)
        home = getattr(getConfiguration(), "clienthome", None) or tempfile.gettempdir()
        path = Path(home) / FILE_NAME
    return str(path)


def enabled():
    return bool(api.portal.get_registry_record(ENABLED_RECORD, default=True))


def retention_days():
    days = api.portal.get_registry_record(RETENTION_RECORD, default=None)
    return days if days and days > 0 else RETENTION_DAYS


def site_key():
    return "/".join(api.portal.get().getPhysicalPath())


def document_of(obj):
    """The official document ``obj`` is or lies in (an attachment, a
    delivery copy's file); None elsewhere."""
    for item in aq_chain(aq_inner(obj)):
        if IOfficialDocument.providedBy(item):
            return item
    return None


# -- keeping ------------------------------------------------------------------


def _where_from(request):
    """(host, client address): the host the request was addressed to (the
    agency's host behind nginx: the virtual host of the rewritten URL, not
    the proxy's Host header) and the client's address as Zope sees it
    (X-Forwarded-For from a ``trusted-proxy`` of zope.conf, else the peer)."""
    if request is None or not hasattr(request, "getClientAddr"):
        return "", ""
    host = urlsplit(request.get("SERVER_URL") or "").netloc or request.get("HTTP_HOST") or ""
    return host, request.getClientAddr() or ""


def entry_for(doc, action, detail="", request=None):
    """The row that says the current user did ``action`` on ``doc`` now."""
    user = api.user.get_current()
    userid = user.getId() if user is not None else None
    agency = agency_of(doc)
    host, client = _where_from(request)
    return {"at": vietnam_now().timestamp(), "site": site_key(),
            "agency": agency.UID() if agency is not None else "", "document": doc.UID(),
            "action": action, "user": userid or "",
            "fullname": (user.getProperty("fullname", "") or "") if userid else "",
            "host": host, "client": client, "detail": str(detail or "")[:300]}


def note(doc, action, detail="", request=None):
    """Keep that the current user did ``action`` on ``doc``, once the
    request's transaction has committed. Never raises."""
    try:
        if doc is None or not enabled():
            return
        entry = entry_for(doc, action, detail, request if request is not None else getRequest())
        transaction.get().addAfterCommitHook(_write, args=(database_path(), entry))
    except Exception:
        log.exception("Access log: %s of %r not kept", action, doc)


def _write(committed, path, entry):
    if not committed:
        return
    try:
        store.append(path, [entry])
        _prune_daily(path)
    except Exception:
        log.exception("Access log: entry not written to %s: %s", path, entry)


def _prune_daily(path):
    today = datetime.date.fromtimestamp(vietnam_now().timestamp())
    if _pruned.get(path) == today:
        return
    _pruned[path] = today
    prune(path)


def prune(path=None, days=None):
    """Delete the entries older than the retention; how many."""
    days = days or retention_days()
    before = (vietnam_now() - datetime.timedelta(days=days)).timestamp()
    removed = store.prune(path or database_path(), before)
    if removed:
        log.info("Access log: %s entries older than %s days pruned", removed, days)
    return removed


# -- what is kept by itself ---------------------------------------------------


def on_transition(doc, event):
    """IAfterTransitionEvent: a routing step a person took (automatic
    steps are the system's)."""
    transition = event.transition
    if transition is None or transition.trigger_type == TRIGGER_AUTOMATIC:
        return
    note(doc, ROUTE, transition.id)


def on_modified(doc, event):
    """IObjectModifiedEvent: the document's fields were changed (what
    changed is the change history's; a file added inside is not a change
    of its fields)."""
    if IContainerModifiedEvent.providedBy(event):
        return
    note(doc, CHANGE)


def framed(request):
    """Whether the browser loads this as a frame of a page (Sec-Fetch-Dest)."""
    return (request.get_header("Sec-Fetch-Dest") or "").lower() in FRAMED


# -- reading ------------------------------------------------------------------


def can_read(doc):
    agency = agency_of(doc)
    return bool(api.user.has_permission(READ_PERMISSION, obj=agency if agency is not None
                                        else api.portal.get()))


def check_read(doc):
    """:raises: Unauthorized for an anonymous visitor, ``DocumentLogRefused``
    (HTTP 403) for anyone who is not one of the log's readers."""
    if can_read(doc):
        return
    if api.user.is_anonymous():
        raise Unauthorized("@access-log")
    agency = agency_of(doc)
    raise DocumentLogRefused(MSG_READ_REFUSED,
                             {"agency": agency.title if agency is not None else ""})


def when_of(entry):
    return datetime.datetime.fromtimestamp(entry["at"], VIETNAM_OFFSET).replace(microsecond=0)


def shown(entry):
    """An entry as people read it."""
    when = when_of(entry)
    return {"when": when, "when_text": format_datetime(when), "action": entry["action"],
            "action_title": in_vietnamese(ACTION_TITLES.get(entry["action"], entry["action"])),
            "user": entry["user"], "fullname": entry["fullname"] or entry["user"],
            "host": entry["host"], "client": entry["client"], "detail": entry["detail"]}


def entries(doc, start=0, size=50):
    """(total, the document's entries newest first from ``start``, shown)."""
    total, rows = store.entries(database_path(), doc.UID(), start, size)
    return total, [shown(row) for row in rows]


def _all_actions(found):
    return {action: found.get(action, 0) for action in ACTIONS}


def counts(doc=None, agency=None, since=None, until=None):
    """Entries per action (views, downloads, prints, changes, routing
    steps) of one document, of one agency's documents, or of the whole
    system when neither is given; ``since``/``until``: aware datetimes
    (from, before) or None. Phụ lục VI III.6.b, l."""
    found = store.counts(
        database_path(), site_key(),
        agency=agency.UID() if agency is not None else None,
        document=doc.UID() if doc is not None else None,
        since=since.timestamp() if since is not None else None,
        until=until.timestamp() if until is not None else None)
    return _all_actions(found)


# -- the agency's page: the log of all its documents (``check_read(agency)``) ----------


def _documents(uids):
    """{UID: brain} of the documents of ``uids`` (unrestricted: an agency
    admin reads the log of documents he may not open), and the UIDs the
    person asking may open."""
    catalog = api.portal.get_tool("portal_catalog")
    if not uids:
        return {}, set()
    found = {b.UID: b for b in catalog.unrestrictedSearchResults(UID=list(uids))}
    opened = {b.UID for b in catalog.searchResults(UID=list(uids))}
    return found, opened


def described(brain, may_open):
    """What the log says of a document: its number and notation and kind
    (who reads the log may not read the document: an agency admin, Quy chế
    Điều 8.2 — the log says who accessed what, not what it says); its title
    and address only to a reader who may open it."""
    if brain is None:  # deleted since
        return {"code": "—", "kind": "", "title": "", "url": ""}
    return {"code": brain.document_code or "—",
            "kind": in_vietnamese(KIND_TITLES.get(brain.portal_type, "")),
            "title": brain.Title if may_open else "",
            "url": brain.getURL() if may_open else ""}


def agency_entries(agency, start=0, size=50):
    """(total, the entries of the agency's documents newest first from
    ``start``, shown, each with its ``document`` described)."""
    total, rows = store.agency_entries(database_path(), site_key(), agency.UID(), start, size)
    found, opened = _documents({row["document"] for row in rows})
    return total, [dict(shown(row), document=described(found.get(row["document"]),
                                                         row["document"] in opened))
                   for row in rows]


def most_accessed(agency, limit=20):
    """[{document, counts: {action: n}, total}] of the agency's most
    accessed documents (Phụ lục VI III.6.l: accesses per document)."""
    ranked = store.document_counts(database_path(), site_key(), agency.UID(), limit)
    found, opened = _documents({uid for uid, _c in ranked})
    return [{"document": described(found.get(uid), uid in opened),
             "counts": _all_actions(counted), "total": sum(counted.values())}
            for uid, counted in ranked]


def log_json(doc, start=0, size=50):
    """The document's log for REST: entries newest first from ``start``,
    the document's, its agency's and the system's counts."""
    total, items = entries(doc, start, size)
    url = f"{doc.absolute_url()}/@access-log"
    agency = agency_of(doc)
    answer = {"@id": url, "items_total": total, "b_start": start, "b_size": size,
              "labels": {k: in_vietnamese(v) for k, v in LABELS.items()},
              "action_titles": {k: in_vietnamese(v) for k, v in ACTION_TITLES.items()},
              "items": items,
              "counts": {"document": counts(doc=doc),
                         "agency": counts(agency=agency) if agency is not None else None,
                         "system": counts()}}
    batching = {}
    if start + size < total:
        batching["next"] = f"{url}?b_start={start + size}&b_size={size}"
    if start > 0:
        batching["prev"] = f"{url}?b_start={max(start - size, 0)}&b_size={size}"
    if batching:
        answer["batching"] = batching
    return answer
