"""Saved searches per user (NĐ 30/2020 Phụ lục VI §III.6): a name and the
criteria, kept for that user only."""

from persistent.list import PersistentList
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import plain
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.rules.search_criteria import KEYS
from qlvbdh_policy.site_storage import site_tree

import uuid

KEY = "qlvbdh_policy.saved_searches"
CRITERIA = KEYS  # every field, the sort and the columns shown (§III.6.e)
MAX_PER_USER = 50
MSG_NAME_NEEDED = _("Give the saved search a name.")
NAME_TITLE = _("Name of this search")
MSG_TOO_MANY = _("You have ${count} saved searches, the most there can be; delete one first.")


def _store(create=False):
    return site_tree(KEY, create)


def saved_for(userid):
    return [dict(s) for s in _store().get(userid, ())]


def save(userid, name, criteria, path):
    """:raises: RefusedValue naming the name: blank, a control character
    (one line of plain text, rules/plain_text.py), or one search too many."""
    name = plain(name, "name", NAME_TITLE)
    if not name:
        raise RefusedValue(MSG_NAME_NEEDED, {}, "name")
    store = _store(create=True)
    mine = store.get(userid)
    if mine is None:
        mine = store[userid] = PersistentList()
    if len(mine) >= MAX_PER_USER:
        raise RefusedValue(MSG_TOO_MANY, {"count": MAX_PER_USER}, "name")
    entry = {"id": uuid.uuid4().hex[:12], "name": name[:200], "path": path,
             "criteria": {k: str(criteria.get(k) or "") for k in CRITERIA}}
    mine.append(entry)
    return entry


def delete(userid, search_id):
    mine = _store().get(userid)
    if mine is None:
        return False
    kept = [s for s in mine if s["id"] != search_id]
    changed = len(kept) != len(mine)
    mine[:] = kept
    return changed
