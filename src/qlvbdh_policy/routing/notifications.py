"""E-mail to the people routing concerns: the people assigned, when they
are assigned; everyone with overdue or due-soon work, once a day (the
console script ``scripts/deadline_reminders.py``, run by cron).

Mails leave after the transaction commits, through the site's mail queue
(``mail_queue``): a refused step sends nothing, and a mail server that is
down never undoes a step; its mails leave once it is back.
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import user_ids_in
from qlvbdh_policy.agencies.vhosting import public_url_of
from qlvbdh_policy.agencies.vhosting import public_url_of_path
from qlvbdh_policy.routing import my_work
from qlvbdh_policy.routing.my_work import TASK_TITLES
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.workflows import meanings

import datetime
import logging

log = logging.getLogger(__name__)


MSG_ASSIGNED_SUBJECT = _("Document assigned to you: ${title}")
# a mail's text is built of one message per line or paragraph: i18n tools
# write no message id with line breaks in it
MSG_ASSIGNED_BODY = _("${actor} assigned you a document (${task}).")
MSG_DEADLINE_LINE = _("Deadline: ${deadline}")
MSG_DIRECTION_LINE = _("Direction: ${instruction}")
MSG_OPEN_LINE = _("Open it: ${url}")
MSG_DIGEST_SUBJECT = _("Your documents: ${overdue} overdue, ${due_soon} due soon")
MSG_DIGEST_INTRO = _("Documents waiting for you with a deadline on ${date}:")
MSG_OVERDUE = _("overdue")
MSG_DUE_SOON = _("due soon")
MSG_NO_DEADLINE = _("none")


def _vi(msgid, **mapping):
    return in_vietnamese(_(msgid, mapping=mapping))


def user_emails(principal):
    """A user's address, or the addresses of a group's members (nested)."""
    out = {}
    for userid in user_ids_in([principal]):
        user = api.user.get(userid=userid)
        email = user.getProperty("email") if user is not None else None
        if email:
            out[userid] = email
    return out


def sender_address():
    """The site's sender (Site Setup → Mail); None when not set: no mail leaves."""
    return api.portal.get_registry_record("plone.email_from_address", default=None) or None


def send(to, subject, body):
    """Queue one mail in the current transaction (``mail_queue``): it leaves
    when the transaction commits, never when it aborts."""
    sender = sender_address()
    if not sender:
        log.warning("No sender address in Site Setup → Mail: mail to %s not sent", to)
        return
    try:
        # MailHost encodes the subject as one RFC 2047 header (a subject set
        # on an EmailMessage first is refolded and loses its spaces)
        api.portal.get_tool("MailHost").send(body, mto=to, mfrom=sender, subject=subject,
                                             charset="utf-8")
    except Exception:  # a mail that cannot be queued (disk, address) never undoes a step
        log.exception("Mail to %s not queued", to)


def _deadline(value):
    return format_date(value) or _vi(MSG_NO_DEADLINE)


def notify_assigned(doc, assignments, actor_name):
    """``assignments``: [(principal, task)] of one routing step."""
    sent = set()
    for principal, task in assignments:
        for userid, email in user_emails(principal).items():
            if userid in sent:
                continue
            sent.add(userid)
            send(
                email,
                _vi(MSG_ASSIGNED_SUBJECT, title=doc.title),
                "\n".join([
                    _vi(MSG_ASSIGNED_BODY, actor=actor_name, task=_vi(TASK_TITLES[task])), "",
                    f"{doc.code or ''} {doc.title}",
                    _vi(MSG_DEADLINE_LINE, deadline=_deadline(doc.due_date)),
                    _vi(MSG_DIRECTION_LINE, instruction=getattr(doc, "instruction", "") or ""),
                    "", _vi(MSG_OPEN_LINE, url=public_url_of(doc))]),
            )
    return sent


def deadline_digests(today=None):
    """One mail per person whose waiting documents are overdue or due soon;
    returns {userid: [items]}."""
    today = today or vietnam_today()
    horizon = today + datetime.timedelta(days=my_work.DUE_SOON_DAYS)
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        due_date={"query": datetime.datetime.combine(horizon, datetime.time(23, 59)),
                  "range": "max"},
        # someone still has to act, as the workflows' states say
        review_state=meanings.query_states(meanings.DOCUMENT_TYPES, "active"),
    )
    per_user = {}
    for brain in brains:
        due = brain.due_date  # metadata keeps the field's date
        mark = my_work.deadline_mark(due, today)
        if mark is None:
            continue
        for principal, task in brain.waiting_tasks or ():
            for userid, email in user_emails(principal).items():
                per_user.setdefault((userid, email), []).append(
                    {"title": brain.Title, "code": brain.document_code or "", "due": due,
                     "mark": mark, "task": task,
                     "url": public_url_of_path(brain.getPath().split("/")) or brain.getURL()})
    for (userid, email), items in per_user.items():
        items.sort(key=lambda i: i["due"])
        overdue = sum(1 for i in items if i["mark"] == "overdue")
        lines = [_vi(MSG_DIGEST_INTRO, date=format_date(today)), ""]
        for i in items:
            flag = _vi(MSG_OVERDUE) if i["mark"] == "overdue" else _vi(MSG_DUE_SOON)
            lines.append(f"- [{flag}] {format_date(i['due'])} · "
                         f"{_vi(TASK_TITLES[i['task']])} · {i['code']} {i['title']}\n  {i['url']}")
        send(email, _vi(MSG_DIGEST_SUBJECT, overdue=overdue, due_soon=len(items) - overdue),
             "\n".join(lines))
    return {userid: items for (userid, email), items in per_user.items()}
