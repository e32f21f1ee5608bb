"""Overdue follow-up (NĐ 30/2020 Phụ lục VI III.1.m "theo dõi, đôn đốc";
Quy chế Điều 8 khoản 1: the head of the agency checks the handling of
documents): from an overdue count of the agency dashboard, a leader
reminds, in one action, the people behind it.

The documents are those ``overdue_now`` counts (stats/indicators.py) for
the agency, one department or one person; each is reminded to its main
handlers (a person, or the members of a department's heads group), or,
for one not given to anyone yet, to whoever it waits on (the clerk, the
leader). One mail per person through the site's mail queue
(routing/notifications.py): it leaves when the transaction commits.
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.vhosting import public_url_of_path
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.validation import refuse_unless
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.routing import notifications
from qlvbdh_policy.routing.trail import principal_title
from qlvbdh_policy.rules.collation import sort_key
from qlvbdh_policy.stats import dashboard
from qlvbdh_policy.stats import indicators as I
from qlvbdh_policy.stats import periods
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vietnamese import in_vietnamese

SEND_PERMISSION = permissions.SendOverdueReminders

MSG_SEND_REFUSED = _("Reminders about the overdue documents of ${agency} are sent by the "
                     "agency's leaders and site managers only.")
MSG_SUBJECT = _("Reminder: ${count} overdue documents waiting for you")
MSG_INTRO = _("${sender} (${agency}) reminds you of these documents, past their deadline "
              "and not yet done on ${date}:")
MSG_LINE = _("Deadline ${deadline} · ${code} ${title}")
MSG_CLOSING = _("Please handle them, or report why they are late, through the system.")


MSG_NO_MAIL = _("No reminder was sent: the site has no sender address for mail (Site Setup → "
                "Mail). Ask the site manager to set it.")


class ReminderRefused(ForbiddenRefusal):
    """Sending reminders without being a leader of the agency."""


class MailNotSetUp(RefusedValue):
    """Reminders go by mail only: without a sender none leaves, and the
    leader must not be told they did."""

    status = 409
    error_type = "Conflict"


def check_send(agency):
    """:raises: Unauthorized for an anonymous visitor, ``ReminderRefused``
    (HTTP 403) for anyone who is not a leader of the agency or a site
    manager."""
    refuse_unless(api.user.has_permission(SEND_PERMISSION, obj=agency), "@overdue-reminders",
                  ReminderRefused, MSG_SEND_REFUSED, {"agency": agency.title})


def _principals(entry, brain, person):
    if person is not I.ANY:
        return [person]
    if entry.people:
        return sorted(entry.people)
    return sorted({principal for principal, _task in brain.waiting_tasks or ()})


def _item(brain):
    return {"title": brain.Title or "", "code": brain.document_code or "",
            "due": I._day(brain.due_date),
            "url": public_url_of_path(brain.getPath().split("/")) or brain.getURL()}


def overdue_documents(agency, period, today=None, department=I.ANY, person=I.ANY):
    """{userid: (email, [documents])} for the overdue documents of the
    scope: who is reminded of what (a document once, though a person
    handles it alone and in a department's heads group)."""
    today = today or vietnam_today()
    docs = dashboard.scope(I.gather(agency, period, today), department, person)
    entries = dashboard.behind(docs, "overdue_now")
    catalog = api.portal.get_tool("portal_catalog")
    brains = {brain.getRID(): brain for brain in catalog.unrestrictedSearchResults(
        path={"query": dashboard.paths_of(entries), "depth": 0})} if entries else {}
    per_user = {}
    for entry in entries:
        brain = brains.get(entry.rid)
        if brain is None:
            continue
        for principal in _principals(entry, brain, person):
            for userid, email in notifications.user_emails(principal).items():
                per_user.setdefault(userid, (email, {}))[1].setdefault(entry.rid, _item(brain))
    return {userid: (email, list(items.values())) for userid, (email, items) in per_user.items()}


def send_reminders(agency, period, today=None, department=I.ANY, person=I.ANY):
    """Mails each person behind the overdue count of the scope the list of
    their overdue documents; returns {documents: n, people: [{id, title,
    documents}]} (nobody when nothing is overdue).

    :raises ReminderRefused: for anyone who may not send them;
        ``periods.ReportRefused`` for a department not of the agency."""
    check_send(agency)
    department = periods.read_department(agency, department)
    today = today or vietnam_today()
    per_user = overdue_documents(agency, period, today, department, person)
    if per_user and notifications.sender_address() is None:
        raise MailNotSetUp(MSG_NO_MAIL, {}, None)
    sender = api.user.get_current()
    sender_name = sender.getProperty("fullname") or sender.getId()
    sent, documents = [], set()
    for userid, (email, items) in per_user.items():
        items.sort(key=lambda i: (i["due"] or today, i["code"]))
        lines = [in_vietnamese(_(MSG_INTRO, mapping={
            "sender": sender_name, "agency": agency.title, "date": format_date(today)})), ""]
        for item in items:
            documents.add(item["url"])
            lines.append("- " + in_vietnamese(_(MSG_LINE, mapping={
                "deadline": format_date(item["due"]), "code": item["code"],
                "title": item["title"]})) + f"\n  {item['url']}")
        lines += ["", in_vietnamese(MSG_CLOSING)]
        notifications.send(email, in_vietnamese(_(MSG_SUBJECT, mapping={"count": len(items)})),
                           "\n".join(lines))
        sent.append({"id": userid, "title": principal_title(userid), "documents": len(items)})
    sent.sort(key=lambda row: (sort_key(row["title"]), row["id"]))
    return {"documents": len(documents), "people": sent}
