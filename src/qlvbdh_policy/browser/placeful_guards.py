"""Plone's placeful-workflow control panel, guarded (issue 22): deleting a
workflow policy that agencies use, or changing which workflow it binds to
a type, would leave their documents in states the new workflow does not
know (the catalog stale, the handlers locked out). Both are refused,
naming the agencies and their documents, with the way that keeps every
state: copy the policy, change the copy, switch the agency on its page.
Changes to a policy no agency uses go through as Plone does them."""

from pathlib import Path
from plone import api
from Products.CMFPlacefulWorkflow.browser import views as stock
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import _
from qlvbdh_policy.agencies.workflow_policies import agencies_using
from qlvbdh_policy.vietnamese import in_vietnamese

STOCK_TEMPLATES = Path(stock.__file__).parent
MSG_POLICY_IN_USE = _("The workflow policy “${policy}” is used by ${agencies} (${count} "
                      "documents): it was not ${change}. Copy the policy, change the copy, "
                      "then switch the agency to it on its page “Workflow policy of the "
                      "agency”, which keeps every document's state.")
CHANGE_DELETED = _("deleted")
CHANGE_REMAPPED = _("changed")


def refuse_in_use(view, policy_id, change):
    """True, with the refusal shown, when agencies use ``policy_id``."""
    using = agencies_using(policy_id)
    if not using:
        return False
    message = _(MSG_POLICY_IN_USE, mapping={
        "policy": policy_id, "agencies": ", ".join(a.title for a, _count in using),
        "count": sum(count for _agency, count in using),
        "change": in_vietnamese(change, view.request)})
    api.portal.show_message(in_vietnamese(message, view.request), view.request, "error")
    return True


class GuardedPoliciesForm(stock.WorkflowPoliciesForm):
    index = ViewPageTemplateFile(str(STOCK_TEMPLATES / "workflow_policies_controlpanel.pt"))

    def __call__(self):
        if self.request.get("delete"):
            refused = [p for p in self.request.get("policy_ids", [])
                       if refuse_in_use(self, p, CHANGE_DELETED)]
            if refused:
                return self.request.response.redirect("@@workflow-policies-controlpanel")
        return super().__call__()


class GuardedPolicyMapping(stock.WorkflowPolicyMapping):
    index = ViewPageTemplateFile(str(STOCK_TEMPLATES / "placeful_workflow_policy_mapping.pt"))

    def __call__(self):
        wfpid = self.request.get("wfpid")
        if self.request.get("submit") and wfpid and self._rebinds(wfpid):
            if refuse_in_use(self, wfpid, CHANGE_REMAPPED):
                return self.request.response.redirect(
                    f"@@placeful-workflow-policy-mapping?wfpid={wfpid}")
        return super().__call__()

    def _rebinds(self, wfpid):
        """Whether the form changes the workflow of a type or the default."""
        policy = api.portal.get_tool("portal_placeful_workflow").getWorkflowPolicyById(wfpid)
        if policy is None:
            return False
        special = {"acquisition": None, "": ()}
        for pt, wf in dict(self.request.get("wf") or {}).items():
            chain = special[wf] if wf in special else (wf,)
            current = policy.getChainFor(pt)
            if (tuple(current) if current is not None else None) != (
                    tuple(chain) if chain is not None else None):
                return True
        default = self.request.get("default_workflow_id")
        return default is not None and (default,) != tuple(
            policy.getDefaultChain(self.context) or ())
