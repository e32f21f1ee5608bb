"""The processing trail of a document (quá trình xử lý): who did what,
when, with which comment and to whom — the TraceHeaderList of NĐ 30/2020
Phụ lục VI, printed on the phiếu giải quyết văn bản đến."""

from persistent.list import PersistentList
from plone import api
from qlvbdh_policy.timeutil import vietnam_now
from zope.annotation.interfaces import IAnnotations

KEY = "qlvbdh_policy.trail"


def principal_title(principal_id):
    """Full name of a user or title of a group, for the trail and the phiếu."""
    user = api.user.get(userid=principal_id)
    if user is not None:
        return user.getProperty("fullname") or principal_id
    group = api.group.get(groupname=principal_id)
    if group is not None:
        return group.getProperty("title") or principal_id
    return principal_id


def record(doc, action, comment="", to=(), **details):
    annotations = IAnnotations(doc)
    if KEY not in annotations:
        annotations[KEY] = PersistentList()
    actor = api.user.get_current()
    entry = {
        "when": vietnam_now().replace(microsecond=0),
        "actor": actor.getId() if actor is not None else None,
        "actor_name": principal_title(actor.getId()) if actor is not None else "",
        "action": action,
        "comment": comment or "",
        "to": [{"id": p, "title": principal_title(p)} for p in to],
    }
    entry.update(details)
    annotations[KEY].append(entry)
    return entry


def entries(doc):
    return [dict(e) for e in IAnnotations(doc).get(KEY, ())]
