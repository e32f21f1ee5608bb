"""Agencies changing, for site managers: POST <agency>/@dissolve (a
read-only archive, ``dissolution``) answers what was closed and disabled;
POST <agency>/@rename {"domain_abbr", "title"} (``renaming``) answers the
new abbreviation, the former ones and the logins changed; POST
<agency>/@merge {"target": "<abbr>"} (``merging``) answers the archive's
place, the books closed and the accounts moved. GET <agency>/@export
answers the agency's own export (a ZIP). And
plone.restapi's @login on an agency's host."""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from plone.restapi.services.auth.login import Login
from qlvbdh_policy.accounts.lockout import guard
from qlvbdh_policy.agencies.dissolution import dissolve
from qlvbdh_policy.agencies.merging import merge_agency
from qlvbdh_policy.agencies.merging import receiving_agency_named
from qlvbdh_policy.agencies.renaming import rename_agency
from qlvbdh_policy.agencies.workflow_policies import policy_info
from qlvbdh_policy.agencies.workflow_policies import switch_policy
from qlvbdh_policy.exports.agency_export import send_export
from qlvbdh_policy.restapi.body import json_object
from qlvbdh_policy.rules.request_body import TEXT
from zope.interface import alsoProvides

import json


class DissolvePost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        return json_compatible(dissolve(self.context))


class RenamePost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request, {"domain_abbr": TEXT, "title": TEXT})
        return rename_agency(self.context, data.get("domain_abbr"), data.get("title"))


class MergePost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request, {"target": TEXT})
        target = receiving_agency_named(data.get("target"))
        return json_compatible(merge_agency(self.context, target))


class WorkflowPolicyGet(Service):
    """GET <agency>/@workflow-policy: the agency's workflow policy, the
    policies offered and the states its documents are in (issue 22)."""

    def reply(self):
        return policy_info(self.context)


class WorkflowPolicyPost(Service):
    """POST <agency>/@workflow-policy {"policy", "mapping"}: switches the
    policy, carrying each document's state over (agencies/workflow_policies)."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request, {"policy": TEXT})
        switched = switch_policy(self.context, data.get("policy"), data.get("mapping", {}))
        return dict(policy_info(self.context), switched_documents=switched)


class AgencyLogin(Login):
    """@login on an agency's host: a bare name is that agency's account, as
    on the login form. plone.restapi's @login asks the user folder's
    authenticate(), which applies no login transform, so the name is
    qualified here by the same transform before it runs."""

    def reply(self):
        data = json_object(self.request, {"login": TEXT, "password": TEXT})
        login = data.get("login")
        transform = guard(api.portal.get())
        if isinstance(login, str) and transform is not None:
            data["login"] = transform(login)
            self.request.other["BODY"] = json.dumps(data).encode("utf-8")
        return super().reply()


class ExportGet(Service):
    """GET <agency>/@export: the agency's own export as a ZIP (Quy chế Điều
    8.4; exports/agency_export.py), for site managers. It writes nothing,
    so a GET it is."""

    def render(self):
        self.check_permission()
        return send_export(self.context, self.request)
