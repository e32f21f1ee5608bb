"""Renaming an agency (administrative units are renamed in waves).

The agency gets a new name and domain abbreviation: its host becomes
<new>.<base>, its accounts log in as ``name@new``, and the old host keeps
answering with a redirect (``agency_hosts.AgencyNamespace``). The folder id,
the group ids, the account ids and every record that names them (local
roles, routing, the trail) stay as they are: nothing of the agency's
history is rewritten, and no document is reindexed.
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.accounts.directory import bare_name
from qlvbdh_policy.accounts.directory import qualified_login
from qlvbdh_policy.agencies.abbreviations import abbr_holder
from qlvbdh_policy.agencies.abbreviations import domain_abbr
from qlvbdh_policy.agencies.abbreviations import former_abbrs
from qlvbdh_policy.agencies.lookups import agency_user_ids
from qlvbdh_policy.agencies.setup import retitle_groups
from qlvbdh_policy.content.agency import DOMAIN_ABBR
from qlvbdh_policy.content.agency import IAgencySchema
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.rules import domain_names
from z3c.form import validator

MSG_BAD_ABBR = _("Domain abbreviation: ${value} is not valid; use 2 to 31 lowercase letters "
                "a-z and digits, starting with a letter.")
MSG_ABBR_RESERVED = _("Domain abbreviation: ${value} is kept for the system itself (www, "
                     "mail, api, admin, province …); choose another.")
MSG_ABBR_USED = _("Domain abbreviation: ${value} is used by ${agency} (now or before a "
                 "rename, its old host redirects there); choose another.")
MSG_EMPTY_TITLE = _("Agency name: the new name is empty.")


class RenameRefused(RefusedValue):
    pass


def check_new_abbr(site, agency, new):
    if not isinstance(new, str) or not DOMAIN_ABBR.match(new):
        raise RenameRefused(MSG_BAD_ABBR, {"value": str(new or "")}, "domain_abbr")
    if domain_names.is_reserved(new):
        raise RenameRefused(MSG_ABBR_RESERVED, {"value": new}, "domain_abbr")
    other = abbr_holder(site, new, agency)
    taken_by_folder = site.get(new)
    if other is not None:
        raise RenameRefused(MSG_ABBR_USED, {"value": new, "agency": other.title},
                            "domain_abbr")
    if taken_by_folder is not None and taken_by_folder.getId() != agency.getId():
        # a folder id is an agency's first abbreviation: never another's host
        raise RenameRefused(MSG_ABBR_USED, {"value": new,
                                            "agency": taken_by_folder.title_or_id()},
                            "domain_abbr")


def rename_agency(agency, new_abbr=None, title=None):
    """Returns the new abbreviation, the former ones and the logins changed."""
    site = api.portal.get()
    old = domain_abbr(agency)
    logins = {}
    if new_abbr is not None and new_abbr != old:
        check_new_abbr(site, agency, new_abbr)
        logins = relabel_logins(agency, old, new_abbr)
        agency.former_abbrs = tuple(a for a in former_abbrs(agency) + (old,) if a != new_abbr)
        agency.domain_abbr = new_abbr
        agency._abbr_served = new_abbr
    if title is not None:
        title = " ".join(title.split())
        if not title:
            raise RenameRefused(MSG_EMPTY_TITLE, {}, "title")
        if title != agency.title:
            agency.title = title
            retitle_groups(agency)
    agency.reindexObject()  # the agency alone: its documents name it by UID
    return {"domain_abbr": domain_abbr(agency), "title": agency.title,
            "former_abbrs": list(former_abbrs(agency)), "logins": logins}


def relabel_logins(agency, old, new):
    """``name@old`` → ``name@new`` for the agency's accounts; account ids
    stay. Logins without the suffix (site-wide ones) are left alone."""
    acl = api.portal.get_tool("acl_users")
    source = acl.source_users
    changed = {}
    for userid in sorted(agency_user_ids(agency)):
        try:
            login = source.getLoginForUserId(userid)
        except KeyError:
            continue
        if login.endswith("@" + old):
            changed[userid] = qualified_login(bare_name(login), new)
            acl.updateLoginName(userid, changed[userid])
    return changed


def on_agency_modified(agency, event):
    """The edit form and REST PATCH change ``domain_abbr`` directly: carry
    the rename through (logins, the old host's redirect) as ``rename_agency``
    does, or refuse it."""
    retitle_groups(agency)  # the name may have changed in the form
    served = getattr(agency, "_abbr_served", None) or agency.getId()
    new = getattr(agency, "domain_abbr", None)
    if not new or new == served:
        return
    agency.domain_abbr = served
    rename_agency(agency, new)


class DomainAbbrValidator(validator.SimpleFieldValidator):
    """The add and edit forms name the field at fault before anything is
    saved: an abbreviation of another agency, now or before a rename."""

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        site = api.portal.get()
        if IAgency.providedBy(self.context):
            if value != domain_abbr(self.context):
                check_new_abbr(site, self.context, value)
            return
        other = abbr_holder(site, value)
        if other is not None:
            raise RenameRefused(MSG_ABBR_USED, {"value": value, "agency": other.title},
                                "domain_abbr")


validator.WidgetValidatorDiscriminators(DomainAbbrValidator,
                                        field=IAgencySchema["domain_abbr"])
