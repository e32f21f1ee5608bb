"""Lịch sử thay đổi: every change of a document's metadata, with the old
value, the new one, who and when (NĐ 30/2020 Phụ lục VI III.5.d "lưu vết
… thay đổi thông tin", III.7.d; issue 18: a clerk could edit a registered
incoming document without a trace).

How a change is seen, whichever way it came: the document keeps a small
snapshot of its fields rendered as text (``SNAPSHOT_KEY``), taken when it
is created; every ``IObjectModifiedEvent`` (the edit form, plone.restapi's
PATCH, a feature that notifies) and every workflow step compares the fields
with the snapshot, keeps one entry per save with the fields that differ and
takes a new snapshot. A feature that sets fields on purpose inside a step
(issuing gives số, ký hiệu and ngày ban hành; accepting a delivered copy
gives its số đến) is recorded the same way, the entry naming the step
(``step``), so the history is whole and nobody's edit is blamed for it.

Values are text as a person reads them: dates dd/mm/yyyy, vocabulary
terms by their title, files by name and size (never their bytes), lists
joined by "; ". Drafts are recorded too (it costs the same).

Stored on the document (an annotation, like the routing trail), oldest
first, never changed through the web. Read by who reads the document's
history (``@history``: "CMFEditions: Access previous versions") and by the
agency's leaders, admins and site managers (``READ_PERMISSION``); always
with the right to view the document, so nobody reads another agency's.
"""

from persistent.list import PersistentList
from plone import api
from plone.dexterity.utils import iterSchemata
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.validation import refuse_unless
from qlvbdh_policy.routing.steps import transition_title
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import vietnam_timestamp
from qlvbdh_policy.vietnamese import in_vietnamese
from zope.annotation.interfaces import IAnnotations
from zope.component import queryUtility
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IBool
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IVocabularyFactory

import re

# persisted: do not rename without a migration
KEY = "qlvbdh_policy.change_history"
SNAPSHOT_KEY = "qlvbdh_policy.change_snapshot"
#: not the document's metadata: the versioning behaviour's note of a save
SKIPPED = frozenset({"changeNote"})
HISTORY_PERMISSION = permissions.AccessPreviousVersions
READ_PERMISSION = permissions.ReadAccessLog
NONE = "—"
UID = re.compile(r"^[0-9a-f]{32}$")

# names no title: the refused may not know what the document is
MSG_READ_REFUSED = _(
    "Change history of a document: only those who may read the document and its "
    "history, the agency's leaders and site managers read it.")
YES, NO = _("yes"), _("no")
LABELS = {"when": _("Time"), "actor": _("Done by"), "step": _("Step"),
          "field": _("Field"), "old": _("Old value"), "new": _("New value")}


class ChangeHistoryRefused(ForbiddenRefusal):
    """Reading the history without being one of its readers."""


# -- rendering -------------------------------------------------------------------


def tracked_fields(doc):
    """[(name, field)] of the document's schema and behaviours, in order."""
    out = []
    for schema in iterSchemata(doc):
        for name, field in getFieldsInOrder(schema):
            if name not in SKIPPED:
                out.append((name, field))
    return out


def _file_text(value):
    size = value.getSize() if hasattr(value, "getSize") else 0
    size_text = f"{size / 1024:.1f} KB".replace(".", ",") if size >= 1024 else f"{size} B"
    return f"{value.filename or ''} ({size_text})"


def _term_title(doc, field, value):
    if isinstance(value, str) and UID.match(value):
        brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=value)
        if brains:
            return brains[0].Title
    name = getattr(field, "vocabularyName", None)
    factory = queryUtility(IVocabularyFactory, name=name) if name else None
    vocabulary = factory(doc) if factory is not None else getattr(field, "vocabulary", None)
    try:
        term = vocabulary.getTerm(value) if vocabulary is not None else None
    except LookupError:
        term = None
    title = getattr(term, "title", None)
    return in_vietnamese(title) if title else str(value)


def render(doc, field, value):
    """``value`` of ``field`` as a person reads it."""
    if value is None or value == "" or value == [] or value == ():
        return NONE
    if hasattr(value, "filename") and hasattr(value, "getSize"):
        return _file_text(value)
    if hasattr(value, "strftime"):
        return format_datetime(value) if hasattr(value, "hour") else format_date(value)
    if IBool.providedBy(field):
        return in_vietnamese(YES if value else NO)
    if IChoice.providedBy(field):
        return _term_title(doc, field, value)
    if ICollection.providedBy(field) and not isinstance(value, str):
        return "; ".join(render(doc, field.value_type, v) for v in value) or NONE
    return str(value)


def snapshot(doc):
    """{field name: text} of the document now."""
    out = {}
    for name, field in tracked_fields(doc):
        try:
            value = field.get(field.interface(doc))
        except (AttributeError, TypeError):
            value = getattr(doc, name, None)
        out[name] = render(doc, field, value)
    return out


# -- recording -------------------------------------------------------------------


def remember(doc):
    """Take the snapshot later changes are compared with."""
    IAnnotations(doc)[SNAPSHOT_KEY] = snapshot(doc)


def record_changes(doc, step=None):
    """Compare the document with its snapshot; keep one entry for what
    differs (who, when, ``step`` if a workflow step made it) and take a
    new snapshot. Returns the entry, or None when nothing changed. A
    document without a snapshot (made before the history was kept) gets
    one, and its history starts there."""
    annotations = IAnnotations(doc)
    before = annotations.get(SNAPSHOT_KEY)
    now = snapshot(doc)
    if before is None:
        annotations[SNAPSHOT_KEY] = now
        return None
    changes = [(name, before.get(name, NONE), text) for name, text in now.items()
               if before.get(name, NONE) != text]
    if not changes:
        return None
    actor = api.user.get_current()
    entry = {"when": vietnam_timestamp(), "actor": actor.getId() if actor else None,
             "step": step, "changes": changes}
    if KEY not in annotations:
        annotations[KEY] = PersistentList()
    annotations[KEY].append(entry)
    annotations[SNAPSHOT_KEY] = now
    return dict(entry)


def entries(doc):
    """The recorded changes, oldest first."""
    return [dict(e) for e in IAnnotations(doc).get(KEY, ())]


# -- subscribers -----------------------------------------------------------------


def on_added(doc, event):
    remember(doc)


def on_modified(doc, event):
    record_changes(doc)


def on_transition(doc, event):
    """After a step: what the step's own code set, named by the step; the
    document's creation (no transition) takes the first snapshot."""
    if event.transition is None:
        if SNAPSHOT_KEY not in IAnnotations(doc):
            remember(doc)
        return
    record_changes(doc, step=event.transition.id)


# -- reading ---------------------------------------------------------------------


def may_read(doc):
    if not api.user.has_permission(permissions.View, obj=doc):
        return False
    return (api.user.has_permission(HISTORY_PERMISSION, obj=doc)
            or api.user.has_permission(READ_PERMISSION, obj=doc))


def check_read(doc):
    """:raises: Unauthorized for an anonymous visitor,
    ``ChangeHistoryRefused`` (HTTP 403) for a user who may not read it."""
    refuse_unless(may_read(doc), "@changes", ChangeHistoryRefused, MSG_READ_REFUSED)


def field_titles(doc):
    return {name: in_vietnamese(field.title) for name, field in tracked_fields(doc)}


def _actor_name(userid):
    user = api.user.get(userid=userid) if userid else None
    return (user.getProperty("fullname") or userid) if user is not None else (userid or "")


def rows(doc):
    """The history, newest first, one row per save with its fields as
    {field, field_title, old, new}."""
    titles = field_titles(doc)
    out = []
    for entry in reversed(entries(doc)):
        step = entry.get("step")
        out.append({
            "when": entry["when"], "when_text": format_datetime(entry["when"]),
            "actor": entry["actor"], "actor_name": _actor_name(entry["actor"]),
            "step": step,
            "step_title": in_vietnamese(transition_title(doc, step)) if step else None,
            "changes": [{"field": name, "field_title": titles.get(name, name),
                         "old": old, "new": new} for name, old, new in entry["changes"]],
        })
    return out


def entries_json(doc):
    """The history for REST (``when`` written by restapi/dates.py)."""
    return {"@id": f"{doc.absolute_url()}/@changes",
            "labels": {k: in_vietnamese(v) for k, v in LABELS.items()},
            "items": rows(doc)}
