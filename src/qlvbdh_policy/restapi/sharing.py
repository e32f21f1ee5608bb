"""plone.restapi's ``@sharing`` POST under the agency's rules
(``qlvbdh_policy.accounts.sharing``): its deserializer keeps only the roles offered
to the user and answers 204 for the rest, so a self-grant of Leader looked
accepted. This one, registered for the site's browser layer, checks the
entries as posted first: a refused role answers 403 with JSON naming the
role (``SharingRefused``); then plone.restapi's deserializer does the work
through the project's @@sharing view, which records every change."""

from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.local_roles import DeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from qlvbdh_policy.accounts import sharing
from zope.component import getMultiAdapter
from zope.interface import implementer


def posted_entries(data):
    """[(principal, {role: value})] of the JSON body's ``entries``."""
    entries = data.get("entries") if isinstance(data, dict) else None
    out = []
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict) and isinstance(entry.get("roles"), dict) and entry.get("id"):
            out.append((entry["id"], entry["roles"]))
    return out


@implementer(IDeserializeFromJson)
class LocalRolesDeserializer(DeserializeFromJson):
    def __call__(self):
        view = getMultiAdapter((self.context, self.request), name="sharing")
        offered = {r["id"] for r in view.roles()}
        sharing.check(self.context, offered, posted_entries(json_body(self.request)))
        return super().__call__()
