"""Mails of a round of comments, through the site's mail queue
(``routing.notifications.send``): they leave when the step commits.

The people and departments asked are told when asked; another agency's
clerks, who find the copy in their inbox. Reminders go to the parties
that have not answered (for an agency: whoever its copy waits for).
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.vhosting import public_url_of
from qlvbdh_policy.consultation import rounds
from qlvbdh_policy.routing import my_work
from qlvbdh_policy.routing import notifications
from qlvbdh_policy.routing import trail
from qlvbdh_policy.rules import comment_rounds as rules
from qlvbdh_policy.rules.group_names import group_id
from qlvbdh_policy.stats.follow_up import MailNotSetUp
from qlvbdh_policy.stats.follow_up import MSG_NO_MAIL
from qlvbdh_policy.timeutil import vietnam_timestamp
from qlvbdh_policy.vietnamese import in_vietnamese

MSG_ASKED_SUBJECT = rounds.MSG_COPY_TITLE
MSG_ASKED_BODY = _("${actor} (${agency}) asks for your comments on the draft below.")
MSG_REMINDER_SUBJECT = _("Reminder: your comments on the draft “${title}” are awaited")
MSG_REMINDER_BODY = _("${actor} (${agency}) reminds you that your comments on this draft "
                      "have not arrived.")
MSG_DEADLINE = _("Answer by: ${date}")
MSG_MESSAGE = _("Message: ${message}")
MSG_OPEN = _("Answer here: ${url}")


def _vi(msgid, **mapping):
    return in_vietnamese(_(msgid, mapping=mapping))


def _recipients(draft, party):
    """{userid: email} of the people who answer for ``party``, and where."""
    if party["kind"] != "agency":
        return notifications.user_emails(party["principal"]), draft
    copy = rounds.copy_of(party)
    if copy is None:
        return {}, draft
    principals = {p for p, _task in my_work.waiting_tasks(copy)} or {
        group_id(agency_of(copy).getId(), "clerks")}
    emails = {}
    for principal in sorted(principals):
        emails.update(notifications.user_emails(principal))
    return emails, copy


def _mail(draft, round_, party, subject, intro):
    emails, where = _recipients(draft, party)
    url = public_url_of(where) + ("/@@comment-answer" if where is draft else "")
    body = "\n".join([
        intro, "", f"{draft.title}",
        _vi(MSG_DEADLINE, date=rules.format_day(round_["deadline"])),
        _vi(MSG_MESSAGE, message=round_["message"]) if round_["message"] else "",
        "", _vi(MSG_OPEN, url=url)])
    for email in sorted(set(emails.values())):
        notifications.send(email, subject, body)
    return sorted(emails)


def asked(draft, round_):
    agency = agency_of(draft).title
    subject = _vi(MSG_ASKED_SUBJECT, title=draft.title)
    intro = _vi(MSG_ASKED_BODY, actor=round_["asked_by_name"], agency=agency)
    for party in round_["parties"]:
        _mail(draft, round_, party, subject, intro)


def remind(draft):
    """Mail the parties of the open round that have not answered; returns
    [{key, title, people}] of those reminded.

    :raises: CommentForbidden (not the drafter), CommentClosed (no open
        round), MailNotSetUp (no sender: nothing is said sent)."""
    from qlvbdh_policy.content.validation import refuse_unless

    refuse_unless(rounds.can_ask(draft), "@comment-reminders", rounds.CommentForbidden,
                  rounds.MSG_NOT_DRAFT)
    round_ = rounds.current(draft)
    if round_ is None:
        raise rounds.CommentClosed(rounds.MSG_NO_ROUND, {}, None)
    if rounds.state_of(round_) == rules.CLOSED:
        raise rounds.CommentClosed(rules.MSG_CLOSED, {
            "date": rules.format_day(round_["deadline"]), "rule": rules.RULE}, None)
    late = rounds.late_parties(round_)
    if late and notifications.sender_address() is None:
        raise MailNotSetUp(MSG_NO_MAIL, {}, None)
    actor = api.user.get_current().getId()
    subject = _vi(MSG_REMINDER_SUBJECT, title=draft.title)
    intro = _vi(MSG_REMINDER_BODY, actor=trail.principal_title(actor),
                agency=agency_of(draft).title)
    reminded = [{"key": p["key"], "title": p["title"],
                 "people": _mail(draft, round_, p, subject, intro)} for p in late]
    if reminded:
        round_["reminders"].append(vietnam_timestamp())
        entry = trail.record(draft, rounds.REMINDED, "", round=round_["number"])
        entry["to"] = [{"id": p["key"], "title": p["title"]} for p in late]
    return reminded
