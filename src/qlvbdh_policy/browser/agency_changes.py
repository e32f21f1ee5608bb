"""The site manager's page of an agency's changes (@@agency-changes): its
state (active, dissolved, merged), its host and former hosts; rename it
(new abbreviation and name), merge it into another agency, dissolve it.
Each form calls the function REST calls (``renaming``, ``merging``,
``dissolution``); a refusal is shown in Vietnamese naming the field and
the transaction is doomed, so nothing is stored."""

from plone import api
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import _
from qlvbdh_policy.agencies.abbreviations import archived_on
from qlvbdh_policy.agencies.abbreviations import domain_abbr
from qlvbdh_policy.agencies.abbreviations import former_abbrs
from qlvbdh_policy.agencies.abbreviations import receiving_agency
from qlvbdh_policy.agencies.dissolution import dissolve
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.agencies.merging import merge_agency
from qlvbdh_policy.agencies.merging import receiving_agency_named
from qlvbdh_policy.agencies.renaming import rename_agency
from qlvbdh_policy.browser.action_pages import ActionPage
from qlvbdh_policy.timeutil import format_date

FIELD_TITLES = {"domain_abbr": _("Domain abbreviation"), "title": _("Agency name"),
                "target": _("Receiving agency"), "agency": _("Agency")}
TAB_TITLE = _("Rename, merge, dissolve")  # the agency's tab (actions.xml)
MSG_RENAMED = _("Renamed: the agency is now served at ${abbr}; its accounts log in as "
                "name@${abbr}; the old host redirects.")
MSG_MERGED = _("Merged: the records are kept inside ${target}; ${count} accounts moved.")
MSG_DISSOLVED = _("Dissolved: the books are closed and ${count} accounts disabled; the "
                  "records are kept.")


class AgencyChangesView(ActionPage):
    index = ViewPageTemplateFile("templates/agency_changes.pt")
    field_titles = FIELD_TITLES

    def back_to(self, agency_url):
        return self.request.response.redirect(f"{agency_url}/@@agency-changes")

    def act(self, action):
        form, agency = self.request.form, self.context
        if action == "rename":
            done = rename_agency(agency, form.get("domain_abbr") or None,
                                 form.get("title") or None)
            self.say(_(MSG_RENAMED, mapping={"abbr": done["domain_abbr"]}))
            return self.back_to(agency.absolute_url())
        if action == "merge":
            target = receiving_agency_named(form.get("target"))
            done = merge_agency(agency, target)
            self.say(_(MSG_MERGED, mapping={"target": target.title,
                                            "count": len(done["accounts"])}))
            return self.back_to(done["archive"])
        if action == "dissolve":
            done = dissolve(agency)
            self.say(_(MSG_DISSOLVED, mapping={"count": len(done["disabled_accounts"])}))
        return self.back_to(agency.absolute_url())

    def state(self):
        when = archived_on(self.context)
        target = receiving_agency(self.context)
        return {"archived": when is not None, "date": format_date(when) if when else "",
                "target": target.title if target is not None else None,
                "abbr": domain_abbr(self.context),
                "former": ", ".join(former_abbrs(self.context))}

    def other_agencies(self):
        return [{"abbr": domain_abbr(a), "title": a.title}
                for a in children(api.portal.get(), "Agency")
                if a.UID() != self.context.UID() and archived_on(a) is None]
