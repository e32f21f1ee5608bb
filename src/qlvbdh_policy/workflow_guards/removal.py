"""Deleting (or renaming) a state, a transition, a workflow or a placeful
policy that the agencies' documents use is refused, with the count
(issue 22).

The ZMI's States and Transitions tabs, portal_workflow's and
portal_placeful_workflow's contents are folders: a deletion or a rename
fires ``IObjectWillBeMovedEvent`` for the definition itself, before
anything changes, so a subscriber refuses it (a ``RefusedValue``: the
transaction is aborted, the page says why in Vietnamese). A state gone
would leave its documents with a state their workflow does not know; a
transition gone, the documents standing where it leads out without that
way (Quy chế: every document's progress is kept, NĐ 30/2020 Điều 24).
Definitions no document uses (a copy being edited) change freely.
"""

from qlvbdh_policy import _
from qlvbdh_policy.agencies.workflow_policies import agencies_using
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.workflow_guards import usage
from qlvbdh_policy.workflows import titles

MSG_STATE = _("The state “${state}” (${state_id}) of the workflow “${workflow}” holds "
              "${count} documents in ${agency_count} agencies (${agencies}): it was not "
              "${change}. Move them to another state first, or change a copy of the "
              "workflow and switch each agency to it on its page “Workflow policy of the "
              "agency” (${url}).")
MSG_TRANSITION = _("The transition “${transition}” (${transition_id}) of the workflow "
                   "“${workflow}” leads out of states where ${count} documents stand in "
                   "${agency_count} agencies (${agencies}): it was not ${change}. Change a "
                   "copy of the workflow and switch each agency to it on its page "
                   "“Workflow policy of the agency” (${url}).")
MSG_WORKFLOW = _("The workflow “${workflow}” runs ${count} documents in ${agency_count} "
                 "agencies (${agencies}): it was not ${change}. Switch each agency to "
                 "another policy first on its page “Workflow policy of the agency” (${url}).")
MSG_POLICY = _("The workflow policy “${policy}” is used by ${agency_count} agencies "
               "(${agencies}) for ${count} documents: it was not ${change}. Switch each "
               "agency to another policy first on its page “Workflow policy of the "
               "agency” (${url}).")
CHANGE_DELETED = _("deleted")
CHANGE_RENAMED = _("renamed")


class DefinitionInUse(RefusedValue):
    """A workflow definition that documents use, deleted or renamed."""


def _change(ob, event):
    """The change the event announces for ``ob`` itself (None: an addition,
    or a move of a container it is in)."""
    if event.object is not ob or event.oldParent is None:
        return None
    if event.newParent is None:
        return CHANGE_DELETED
    return CHANGE_RENAMED if event.oldName != event.newName else None


def _workflow_of(ob):
    # a definition's parent is its workflow's States/Transitions tab
    return ob.aq_parent.aq_parent


def _refuse(message, using, change, **mapping):
    raise DefinitionInUse(message, dict(
        mapping, count=sum(count for _a, count in using), change=in_vietnamese(change),
        **usage.named([a for a, _count in using])))


def _title(definition):
    return in_vietnamese(_(definition.title or definition.getId()))



def state_moved(state, event):
    change = _change(state, event)
    if change is None:
        return
    workflow = _workflow_of(state)
    using = usage.in_states(workflow.getId(), [state.getId()])
    if using:
        _refuse(MSG_STATE, using, change, state=_title(state), state_id=state.getId(),
                workflow=titles.workflow_title(workflow))


def transition_moved(transition, event):
    change = _change(transition, event)
    if change is None:
        return
    workflow = _workflow_of(transition)
    using = usage.in_states(workflow.getId(), usage.states_left_by(workflow,
                                                                   transition.getId()))
    if using:
        _refuse(MSG_TRANSITION, using, change, transition=_title(transition),
                transition_id=transition.getId(), workflow=titles.workflow_title(workflow))


def workflow_moved(workflow, event):
    change = _change(workflow, event)
    if change is None:
        return
    using = usage.in_states(workflow.getId())
    if using:
        _refuse(MSG_WORKFLOW, using, change, workflow=titles.workflow_title(workflow))


def policy_moved(policy, event):
    change = _change(policy, event)
    if change is None:
        return
    using = agencies_using(policy.getId())
    if using:
        _refuse(MSG_POLICY, using, change, policy=titles.policy_title(policy))
