"""iCal feeds of the work calendar, built by plone.app.event's own
exporter (``construct_icalendar``: VEVENT with RRULE/EXDATE, VTIMEZONE
Asia/Ho_Chi_Minh), never a home-made format.

- The agency's feed is plone.app.event's ``@@ics_view`` of
  ``<agency>/lich-cong-tac``: what the logged-in viewer may see.
- A person's feed is what a phone's calendar subscribes to. A phone's
  calendar sends no login, so the feed's address carries a secret of its
  own (``<site>/@@work-calendar-feed/<token>``): 32 random bytes, one per
  person, kept in a site annotation, shown to the person only, replaced on
  demand (the old address stops answering at once). It lists the published
  entries the person chairs or takes part in, in every agency's calendar
  (a giấy mời puts other agencies' meetings there), and nothing else: the
  token opens no page and no document.
"""

from BTrees.OOBTree import OOBTree
from plone import api
from plone.app.event.ical.exporter import construct_icalendar
from qlvbdh_policy.accounts.lockout import guard
from zope.annotation.interfaces import IAnnotations

import secrets

KEY = "qlvbdh_policy.work_calendar_tokens"
INDEX = "work_calendar_people"
TOKEN_BYTES = 32


def _store(create=False):
    annotations = IAnnotations(api.portal.get())
    store = annotations.get(KEY)
    if store is None and create:
        store = annotations[KEY] = OOBTree()
        store["by_token"], store["by_user"] = OOBTree(), OOBTree()
    return store


def token_of(userid, create=True):
    """The person's feed token (made on first use)."""
    store = _store(create=create)
    if store is None:
        return None
    token = store["by_user"].get(userid)
    if token is None and create:
        token = new_token(userid)
    return token


def new_token(userid):
    """A new secret for the person; the previous address stops answering."""
    store = _store(create=True)
    old = store["by_user"].get(userid)
    if old is not None:
        store["by_token"].pop(old, None)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    store["by_token"][token] = userid
    store["by_user"][userid] = token
    return token


def user_of(token):
    """The owner of a token, while the account exists and is not disabled
    (a disabled account's phone reads nothing more, Quy chế Điều 6)."""
    store = _store()
    if store is None or not token:
        return None
    userid = store["by_token"].get(token)
    if userid is None or api.user.get(userid=userid) is None:
        return None
    accounts = guard(api.portal.get())
    if accounts is not None and accounts.is_disabled(userid):
        return None
    return userid


def feed_url(userid):
    return f"{api.portal.get().absolute_url()}/@@work-calendar-feed/{token_of(userid)}"


def person_entries(userid):
    """The published entries ``userid`` chairs or takes part in, in every
    agency (the token's owner is not logged in: unrestricted, then only
    the published state)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="WorkCalendarEntry", review_state="published", sort_on="start",
        **{INDEX: userid})
    return [b._unrestrictedGetObject() for b in brains]


def person_calendar(userid):
    """An ``icalendar.Calendar`` of the person's entries."""
    site = api.portal.get()
    calendar = construct_icalendar(site, person_entries(userid))
    user = api.user.get(userid=userid)
    name = (user.getProperty("fullname") if user is not None else None) or userid
    calendar.add("x-wr-calname", f"Lịch công tác – {name}")
    return calendar
