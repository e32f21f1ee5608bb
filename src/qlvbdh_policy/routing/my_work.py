"""What waits for whom ("Việc của tôi").

Each document says, from its state and its routing roles, which principals
(users or groups) must act next and how; the catalog indexes the principals
(``waiting_for``) and keeps the (principal, task) pairs as metadata, so a
user's list is one catalog query on their id and groups, never a walk.
"""

from plone import api
from plone.indexer import indexer
from qlvbdh_policy import _
from qlvbdh_policy import roles as R
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.routing import role_assignments as ra
from qlvbdh_policy.rules import state_meanings as M
from qlvbdh_policy.rules.group_names import group_id
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.workflows import meanings

import datetime

DUE_SOON_DAYS = 3

TASK_TITLES = {
    "accept": _("Accept or return"),
    "submit": _("Submit to the leader"),
    "opinion": _("Give an opinion"),
    "assign": _("Direct"),
    "handle": _("Handle"),
    "co-handle": _("Co-handle"),
    "read": _("Read for information"),
    "file": _("File the document"),
    "draft": _("Finish the draft"),
    "review": _("Review the draft"),
    "sign": _("Sign"),
    "issue": _("Issue"),
    "comment": _("Comment on the draft"),
    # a state's task the list does not name (rules.state_meanings.ACT)
    "act": _("Act on the document"),
    # a sender outside the province recalls, updates or replaces a document
    # the agency accepted (exchange/changes.py): its clerks agree or refuse
    "edxml-change": _("Answer the sender's recall or update"),
}


def _agency_holders(agency, role):
    """The principals (the agency's groups) holding ``role`` on the agency."""
    return sorted(p for p, roles in agency.get_local_roles() if role in roles)


def _waiting_principals(doc, agency, who):
    """([principal], roles they wait through or None) for ``who`` (the
    state's ``waiting_for``, parsed: rules.state_meanings.parse_waiting)."""
    kind, arg = who
    abbr = agency.getId()
    leaders = group_id(abbr, "leaders")
    if kind == M.CLERK:
        return [group_id(abbr, "clerks")], {R.CLERK}
    if kind == M.LEADER:
        from qlvbdh_policy.routing.steps import directing_leader

        return [directing_leader(doc) or leaders], {R.LEADER}
    if kind == M.HANDLER:
        return ra.principals_with(doc, R.HANDLER), {R.HANDLER}
    if kind == M.DRAFTER:
        return list(doc.users_with_local_role("Owner")), {"Owner"}
    if kind == M.REVIEWER:
        heads = ra.principals_with(doc, R.DEPARTMENT_HEAD)
        return (heads, {R.DEPARTMENT_HEAD}) if heads else ([leaders], {R.LEADER})
    if kind == "role":
        on_doc = sorted(p for p, roles in doc.get_local_roles() if arg in roles)
        return on_doc or _agency_holders(agency, arg), {arg}
    if kind == "group":
        gid = group_id(abbr, arg)
        return [gid], set(agency.get_local_roles_for_userid(gid)) or None
    return [], None


def _tasks(doc, agency, workflow, state, meaning):
    """[(principal, task)] of a document in ``state``, read from what the
    state means: who waits, the task they see; the waiting people only
    when their roles pass a guard of a step out of the state (a step
    re-guarded in the ZMI is no longer theirs)."""
    principals, roles = _waiting_principals(doc, agency, meaning.who)
    task = meaning.shown_task
    if not meanings.can_act(workflow, state, roles):
        principals = []
    out = [(p, task) for p in principals]
    kind = meaning.who[0]
    if kind == M.HANDLER and task == "handle":
        read_by = set(getattr(doc, "read_by", ()) or ())
        out += ([(p, "co-handle") for p in ra.principals_with(doc, R.CO_HANDLER)]
                + [(p, "read") for p in ra.principals_with(doc, R.INFORMED)
                   if p not in read_by])
    if kind == M.DRAFTER:
        from qlvbdh_policy.consultation import rounds

        out += rounds.waiting_tasks(doc)
    return out


def waiting_tasks(doc):
    """[(principal, task)] of who must act next on ``doc``, from the
    meaning its workflow gives its state (workflows/meanings.py)."""
    agency = agency_of(doc)
    if agency is None or doc.portal_type not in meanings.DOCUMENT_TYPES:
        return []
    workflow, state, meaning = meanings.document_meaning(doc)
    tasks = [] if workflow is None else _tasks(doc, agency, workflow, state, meaning)
    if getattr(doc, "edxml_change", None):  # first: the sender waits for the answer
        tasks.insert(0, (group_id(agency.getId(), "clerks"), "edxml-change"))
    return tasks


def principals_of(user):
    return [user.getId()] + list(user.getGroups() or ())


def deadline_mark(due_date, today=None):
    """'overdue', 'due-soon' or None."""
    if not due_date:
        return None
    if isinstance(due_date, datetime.datetime):
        due_date = due_date.date()
    today = today or vietnam_today()
    if due_date < today:
        return "overdue"
    if (due_date - today).days <= DUE_SOON_DAYS:
        return "due-soon"
    return None


def _waiting(user, today=None):
    """(brain, task, due date, mark) of each document waiting for the user."""
    principals = principals_of(user)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(waiting_for=principals):
        tasks = [task for principal, task in (brain.waiting_tasks or ()) if principal in principals]
        if not tasks:
            continue
        due = brain.due_date
        if due is not None and hasattr(due, "asdatetime"):
            due = due.asdatetime().date()
        if tasks[0] == "comment":  # the round's deadline, not the draft's
            from qlvbdh_policy.consultation import rounds

            due = rounds.deadline_of(brain._unrestrictedGetObject())
            if due is not None and due < (today or vietnam_today()):
                continue  # past it the answer is refused
        yield brain, tasks[0], due, deadline_mark(due, today)


def items_for(user, today=None):
    """The user's waiting documents as dicts, overdue first, then by deadline."""
    items = [{
        "uid": brain.UID, "url": brain.getURL(), "title": brain.Title,
        "code": brain.document_code, "arrival_number": brain.arrival_number,
        "portal_type": brain.portal_type, "review_state": brain.review_state,
        "task": task, "due_date": due, "mark": mark,
    } for brain, task, due, mark in _waiting(user, today)]
    order = {"overdue": 0, "due-soon": 1, None: 2}
    items.sort(key=lambda i: (order[i["mark"]], i["due_date"] or datetime.date.max, i["title"]))
    return items


def counts_for(user, today=None):
    """``counts`` of the user's list without building it, nor reading one
    brain: the navigation bar shows them on every page (issue 17: a page
    with 1,000 waiting items costs what one with none does). Lengths of
    catalog results (index set intersections): every document
    ``waiting_for`` names one of the user's principals holds a task of
    theirs, and the marks are ``deadline_mark``'s as date ranges."""
    today = today or vietnam_today()
    catalog = api.portal.get_tool("portal_catalog")
    waiting = {"waiting_for": principals_of(user)}

    def length(**query):
        return len(catalog.unrestrictedSearchResults(**waiting, **query))

    return {
        "total": length(),
        "overdue": length(due_date={"query": today - datetime.timedelta(days=1),
                                    "range": "max"}),
        "due_soon": length(due_date={"query": [today, today + datetime.timedelta(
            days=DUE_SOON_DAYS)], "range": "min:max"}),
    }


def counts(items):
    return {
        "total": len(items),
        "overdue": sum(1 for i in items if i["mark"] == "overdue"),
        "due_soon": sum(1 for i in items if i["mark"] == "due-soon"),
    }


def mark_read(doc, userid):
    """An informed person has read the document: it leaves their list."""
    read_by = set(getattr(doc, "read_by", ()) or ())
    if userid not in read_by:
        doc.read_by = tuple(sorted(read_by | {userid}))
        doc.reindexObject(idxs=["waiting_for"])


@indexer(IOfficialDocument)
def waiting_for_indexer(obj):
    return sorted({principal for principal, task in waiting_tasks(obj)})


@indexer(IOfficialDocument)
def waiting_tasks_indexer(obj):
    return tuple(waiting_tasks(obj))


# what a step changes besides the workflow's own variables: who waits, the
# handlers the register books filter on, and what the oversight reports
# count (stats/indexers.py): the handler's department, the day of completion
STEP_INDEXES = ["waiting_for", "handlers", "departments", "completed_on"]


def on_transition(doc, event):
    """Workflow reindexes only its own variables; ``STEP_INDEXES`` change too."""
    doc.reindexObject(idxs=STEP_INDEXES)


MARKS = ("overdue", "due-soon")


def filtered(items, task=None, mark=None):
    """The items of one task and/or one deadline mark ('overdue',
    'due-soon'); unknown values filter nothing out rather than everything."""
    if task in TASK_TITLES:
        items = [i for i in items if i["task"] == task]
    if mark in MARKS:
        items = [i for i in items if i["mark"] == mark]
    return items


def task_counts(items):
    """[(task, count, overdue)] in the order of TASK_TITLES: one card or tab each."""
    out = []
    for task in TASK_TITLES:
        mine = [i for i in items if i["task"] == task]
        if mine:
            out.append((task, len(mine), sum(1 for i in mine if i["mark"] == "overdue")))
    return out
