"""Mail to an account's owner when someone else changes what lets him log
in: a password reset (the agency admin gets the one-time password to hand
over, Quy chế Điều 8.4; the owner learns who did it, when, in which agency,
so a reset he did not ask for is noticed — Điều 8.2, each official keeps
his account to himself), and a change of the e-mail address (told to the
old address, so a later reset cannot be hidden by first redirecting the
mail). The password itself never travels by mail.

Mails leave after the transaction commits (``notifications.send``).
"""

from plone import api
from qlvbdh_policy.accounts import directory
from qlvbdh_policy.notifications import _vi
from qlvbdh_policy.notifications import send
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import vietnam_timestamp

MSG_RESET_SUBJECT = "The password of your account ${login} was reset"
MSG_RESET_BODY = (
    "${actor} (${actor_login}) reset the password of your account ${login} in ${agency} "
    "at ${when}.\n\n"
    "The new one-time password is handed to you by the person who reset it, never by mail; "
    "you must change it at the next login.\n"
    "If you did not ask for this, tell the leader of your agency or the province's system "
    "administrator at once.")
MSG_EMAIL_SUBJECT = "The e-mail address of your account ${login} was changed"
MSG_EMAIL_BODY = (
    "${actor} (${actor_login}) changed the e-mail address of your account ${login} in "
    "${agency} at ${when}: from ${old} to ${new}.\n\n"
    "If you did not ask for this, tell the leader of your agency or the province's system "
    "administrator at once.")


def _about(agency, userid):
    actor = api.user.get_current()
    return {"actor": actor.getProperty("fullname") or actor.getId(),
            "actor_login": directory.login_of(actor.getId()) or actor.getId(),
            "login": directory.login_of(userid) or userid, "agency": agency.title,
            "when": format_datetime(vietnam_timestamp())}


def password_reset(agency, userid, email):
    if email:
        about = _about(agency, userid)
        send(email, _vi(MSG_RESET_SUBJECT, **about), _vi(MSG_RESET_BODY, **about))


def email_changed(agency, userid, old, new):
    if old and old != new:
        about = dict(_about(agency, userid), old=old, new=new)
        send(old, _vi(MSG_EMAIL_SUBJECT, **about), _vi(MSG_EMAIL_BODY, **about))
