"""Mail to an account's owner when someone else changes what lets him log
in: a password reset (the agency admin gets the one-time password to hand
over, Quy chế Điều 8.4; the owner learns who did it, when, in which agency,
so a reset he did not ask for is noticed — Điều 8.2, each official keeps
his account to himself), and a change of the e-mail address (told to the
old address, so a later reset cannot be hidden by first redirecting the
mail). The password itself never travels by mail.

Mail to the agency's leaders of each change of its accounts that
``rules.access_changes`` says they hear of (an account created as leader,
clerk, department head or admin; a change of kind, department, e-mail or
disabled state; a reset; a move), as kept in the agency's log of access
changes (``access_log``): the admin creates and changes accounts (Quy chế
Điều 8.4), the leaders see it done.

Mails leave after the transaction commits (``notifications.send``).
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.accounts import directory
from qlvbdh_policy.agencies.vhosting import public_url_of
from qlvbdh_policy.routing.notifications import _vi
from qlvbdh_policy.routing.notifications import send
from qlvbdh_policy.routing.notifications import user_emails
from qlvbdh_policy.rules import access_changes
from qlvbdh_policy.rules.group_names import group_id
from qlvbdh_policy.stats import access_log
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import vietnam_timestamp

# a mail's text is built of one message per paragraph: i18n tools write no
# message id with line breaks in it
MSG_RESET_SUBJECT = _("The password of your account ${login} was reset")
MSG_RESET_BODY = _(
    "${actor} (${actor_login}) reset the password of your account ${login} in ${agency} "
    "at ${when}.")
MSG_RESET_HANDED = _(
    "The new one-time password is handed to you by the person who reset it, never by mail; "
    "you must change it at the next login.")
MSG_NOT_ASKED = _(
    "If you did not ask for this, tell the leader of your agency or the province's system "
    "administrator at once.")
MSG_EMAIL_SUBJECT = _("The e-mail address of your account ${login} was changed")
MSG_EMAIL_BODY = _(
    "${actor} (${actor_login}) changed the e-mail address of your account ${login} in "
    "${agency} at ${when}: from ${old} to ${new}.")

MSG_LEADERS_SUBJECT = _("${agency}: ${change} — account ${login}")
MSG_LEADERS_BODY = _(
    "${actor} (${actor_login}) made this change to the account ${login} (${fullname}) of "
    "${agency} at ${when}:")
MSG_LEADERS_WHY = _(
    "You receive this as a leader of the agency: every creation and change of the agency's "
    "accounts is kept in its log of access changes (${log}). No password is ever sent by mail. "
    "If this change was not agreed, tell the province's system administrator at once.")


def _about(agency, userid):
    actor = api.user.get_current()
    return {"actor": actor.getProperty("fullname") or actor.getId(),
            "actor_login": directory.login_of(actor.getId()) or actor.getId(),
            "login": directory.login_of(userid) or userid, "agency": agency.title,
            "when": format_datetime(vietnam_timestamp())}


def password_reset(agency, userid, email):
    if email:
        about = _about(agency, userid)
        body = (f"{_vi(MSG_RESET_BODY, **about)}\n\n"
                f"{_vi(MSG_RESET_HANDED)}\n{_vi(MSG_NOT_ASKED)}")
        send(email, _vi(MSG_RESET_SUBJECT, **about), body)


def email_changed(agency, userid, old, new):
    if old and old != new:
        about = dict(_about(agency, userid), old=old, new=new)
        send(old, _vi(MSG_EMAIL_SUBJECT, **about),
             f"{_vi(MSG_EMAIL_BODY, **about)}\n\n{_vi(MSG_NOT_ASKED)}")


def leaders_told(agency, entry):
    """Mail the agency's leaders (``<agency>-leaders``, nested, with an
    address) about one entry of its access log, but the person who acted
    and the account concerned."""
    if not access_changes.tell_leaders(entry["action"], entry.get("kind"),
                                       entry.get("changes")):
        return
    addresses = user_emails(group_id(agency.getId(), "leaders"))
    to = access_changes.recipients(addresses, {entry["actor"], entry["principal"]})
    if not to:
        return
    actor = api.user.get(userid=entry["actor"])
    account = api.user.get(userid=entry["principal"])
    about = {"agency": agency.title, "change": access_log.title_of(entry),
             "login": entry.get("login") or entry["principal"],
             "fullname": account.getProperty("fullname") if account is not None else "",
             "actor": actor.getProperty("fullname") or entry["actor"] if actor else entry["actor"],
             "actor_login": directory.login_of(entry["actor"]) or entry["actor"],
             "when": format_datetime(entry["when"]),
             "summary": access_log.summary_of(agency, entry) or "—",
             "log": f"{public_url_of(agency)}/@access-log"}
    subject = _vi(MSG_LEADERS_SUBJECT, **about)
    body = (f"{_vi(MSG_LEADERS_BODY, **about)}\n\n{about['change']}: {about['summary']}\n\n"
            f"{_vi(MSG_LEADERS_WHY, **about)}")
    for address in to:  # one mail each: a leader's address is his own business
        send(address, subject, body)
