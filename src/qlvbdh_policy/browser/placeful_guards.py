"""Plone's placeful-workflow control panel, guarded (issue 22): deleting a
workflow policy that agencies use, or changing which workflow it binds to
a type, would leave their documents in states the new workflow does not
know (the catalog stale, the handlers locked out). Both are refused,
naming the agencies and their documents, with the way that keeps every
state: copy the policy, change the copy, switch the agency on its page.
Changes to a policy no agency uses go through as Plone does them."""

from plone import api
from Products.CMFPlacefulWorkflow.browser import views as stock
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import _
from qlvbdh_policy.agencies.workflow_policies import agencies_using
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.workflow_guards import usage
from qlvbdh_policy.workflows import titles

MSG_POLICY_IN_USE = _("The workflow policy “${policy}” is used by ${agency_count} agencies "
                      "(${agencies}) for ${count} documents: it was not ${change}. Copy the "
                      "policy, change the copy, then switch each agency to it on its page "
                      "“Workflow policy of the agency” (${url}), which keeps every "
                      "document's state.")
CHANGE_DELETED = _("deleted")
CHANGE_REMAPPED = _("changed")


def refuse_in_use(view, policy_id, change):
    """True, with the refusal shown, when agencies use ``policy_id``."""
    using = agencies_using(policy_id)
    if not using:
        return False
    policy = api.portal.get_tool("portal_placeful_workflow").getWorkflowPolicyById(policy_id)
    message = _(MSG_POLICY_IN_USE, mapping=dict(
        usage.named([a for a, _count in using], view.request),
        policy=titles.policy_title(policy, view.request) if policy is not None else policy_id,
        count=sum(count for _agency, count in using),
        change=in_vietnamese(change, view.request)))
    api.portal.show_message(in_vietnamese(message, view.request), view.request, "error")
    return True


class GuardedPoliciesForm(stock.WorkflowPoliciesForm):
    """Plone's page, the policies named by their Vietnamese titles."""

    index = ViewPageTemplateFile("templates/placeful_policies_controlpanel.pt")

    def policy_title(self, policy_id):
        policy = api.portal.get_tool("portal_placeful_workflow").getWorkflowPolicyById(policy_id)
        return titles.policy_title(policy, self.request)

    def __call__(self):
        if self.request.get("delete"):
            refused = [p for p in self.request.get("policy_ids", [])
                       if refuse_in_use(self, p, CHANGE_DELETED)]
            if refused:
                return self.request.response.redirect("@@workflow-policies-controlpanel")
        return super().__call__()


class GuardedPolicyMapping(stock.WorkflowPolicyMapping):
    """Plone's form lists only the types addable at the site root (none of
    the documents, books, departments) and selects nothing for a type bound
    to no workflow (File, Image) nor for a default the policy takes from
    the site: saving it then rebound them silently. Every type is listed
    here, the mapping in force selected, the workflows in Vietnamese."""

    index = ViewPageTemplateFile("templates/placeful_policy_mapping.pt")

    def mapped_types(self):
        types = api.portal.get_tool("portal_types").listTypeInfo()
        return sorted(types, key=lambda fti: in_vietnamese(
            fti.Title(), self.request, domain=fti.i18n_domain or "plone"))

    def workflow_choices(self):
        wftool = api.portal.get_tool("portal_workflow")
        return [{"id": wf.getId(), "title": titles.workflow_title(wf, self.request)}
                for wf in wftool.objectValues()]

    def policy_title(self):
        """The title shown, and sent back unchanged: a shipped title is a
        msgid, shown in Vietnamese and kept as the msgid when saved so."""
        policy = api.portal.get_tool("portal_placeful_workflow").getWorkflowPolicyById(
            self.request.get("wfpid"))
        return titles.policy_title(policy, self.request) if policy is not None else ""

    def default_choice(self):
        policy = api.portal.get_tool("portal_placeful_workflow").getWorkflowPolicyById(
            self.request.get("wfpid"))
        chain = tuple(policy.getDefaultChain(self.context) or ())
        return chain[0] if chain else ""

    @staticmethod
    def chain_choice(policy, portal_type):
        """The option the type's chain in the policy stands for."""
        chain = policy.getChainFor(portal_type, managescreen=True)
        if chain is None:
            return "acquisition"
        if isinstance(chain, str):
            return chain  # the policy's default: "(Default)"
        return chain[0] if chain else ""

    def __call__(self):
        wfpid = self.request.get("wfpid")
        if self.request.get("submit") and wfpid and self._rebinds(wfpid):
            if refuse_in_use(self, wfpid, CHANGE_REMAPPED):
                return self.request.response.redirect(
                    f"@@placeful-workflow-policy-mapping?wfpid={wfpid}")
        policy = api.portal.get_tool("portal_placeful_workflow").getWorkflowPolicyById(wfpid)
        acquired = policy is not None and policy._default_chain is None
        before = policy.getDefaultChain(self.context) if acquired else None
        title = policy.getTitle() if policy is not None else None
        shown = self.policy_title() if policy is not None else None
        answer = super().__call__()
        if policy is not None and self.request.get("title") == shown:
            policy.setTitle(title)  # the Vietnamese title shown, sent back unchanged
        if acquired and policy._default_chain is not None and tuple(
                policy.getDefaultChain(self.context)) == tuple(before):
            policy._default_chain = None  # still the site's default, as it was
        return answer

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
        return default is not None and tuple(d for d in (default,) if d) != tuple(
            policy.getDefaultChain(self.context) or ())
