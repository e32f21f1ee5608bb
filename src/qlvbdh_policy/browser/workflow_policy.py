"""The site manager's page of an agency's workflow policy
(@@workflow-policy, issue 22): the policy in force, the states its
documents are in, and the switch to another policy offered, with the state
each document takes where the new workflow lacks its own (the suggested
one chosen). It calls the operation REST calls
(``agencies.workflow_policies.switch_policy``); a refusal is shown naming
the state and the documents, and nothing is stored. Plone's own
placeful-workflow form, on an agency or inside it, points here."""

from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy.agencies import workflow_policies as wp
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.browser.action_pages import ActionPage
from qlvbdh_policy.vietnamese import in_vietnamese

FIELD_TITLES = {"policy": _("Workflow policy"), "mapping": _("State in the new workflow")}
MSG_SWITCHED = _("Workflow policy switched to ${policy}: ${count} documents now follow it, "
                 "each in its state or the one chosen.")


class WorkflowPolicyView(ActionPage):
    index = ViewPageTemplateFile("templates/workflow_policy.pt")
    field_titles = FIELD_TITLES

    def act(self, action):
        if action != "switch":
            return None
        form = self.request.form
        policy = form.get("policy")
        mapping = {k: v for k, v in dict(form.get("mapping") or {}).items() if v}
        count = wp.switch_policy(self.context, policy, mapping)
        self.say(_(MSG_SWITCHED, mapping={"policy": self.info()["policy"]["title"],
                                          "count": count}))
        return self.request.response.redirect(
            f"{self.context.absolute_url()}/@@workflow-policy")

    def info(self):
        return wp.policy_info(self.context)

    def chosen(self):
        """The policy picked to switch to, when it is one offered."""
        picked = self.request.form.get("policy")
        offered = {p["id"]: p for p in wp.offered_policies()}
        return offered.get(picked)

    def needs(self):
        """[{state, title, choices [(id, title)], suggested}] of the states
        the chosen policy lacks."""
        chosen = self.chosen()
        if chosen is None:
            return []
        rows = []
        suggested = wp.needed_mapping(self.context, chosen["id"])
        for state, (old_wf, new_wf) in sorted(
                wp.mapping_needs(self.context, chosen["id"]).items()):
            picked = dict(self.request.form.get("mapping") or {}).get(state)
            rows.append({
                "state": state, "title": self.tr(_(old_wf.states[state].title)),
                "choices": [(s.id, self.tr(_(s.title))) for s in new_wf.states.values()],
                "suggested": picked or suggested.get(state)})
        return rows


MSG_USE_THE_PAGE = _("An agency's workflow policy is switched on its page “Workflow policy of "
                     "the agency”, which keeps every document's state; Plone's placeful "
                     "workflow form changed nothing here.")


class PlacefulWorkflowPointer(BrowserView):
    """Plone's @@placeful-workflow-configuration on an agency or anything in
    it: it would set the policy and leave each document in the new
    workflow's initial state (issue 22). Nothing is set; the site manager is
    sent to the agency's @@workflow-policy instead."""

    def __call__(self):
        agency = agency_of(self.context)
        IStatusMessage(self.request).addStatusMessage(
            in_vietnamese(MSG_USE_THE_PAGE, self.request), "warning")
        return self.request.response.redirect(f"{agency.absolute_url()}/@@workflow-policy")
