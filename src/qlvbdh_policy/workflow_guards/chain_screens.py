"""The ZMI's chain screens, guarded (issue 22): a placeful policy's
"Workflows" tab (``manage_changeWorkflows``, ``setChain`` …) and
portal_workflow's (``manage_changeWorkflows``, ``setChainForPortalTypes``,
``setDefaultChain``), and the "Workflow" part of Site Setup's content
settings (@@content-controlpanel, which remaps every object of the type:
its permissions too, the agencies' documents included).

A change that would bind another workflow to a type of which an agency
has documents leaves them in states the new workflow may not know, the
catalog stale, the handlers locked out; it is refused (nothing changed,
a Vietnamese sentence naming the agencies, the types and the count, and
the page that keeps every state: the agency's @@workflow-policy). What
the change would do is found by doing it in a savepoint, reading each
agency's chains, and rolling it back: the rules are the tools' own, not a
copy. No monkey patch: a subscriber of ``IPubAfterTraversal``.
"""

from plone import api
from Products.CMFCore.WorkflowTool import WorkflowTool
from Products.CMFPlacefulWorkflow.DefaultWorkflowPolicy import DefaultWorkflowPolicyDefinition
from qlvbdh_policy import _
from qlvbdh_policy.agencies.workflow_policies import count_in
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.workflow_guards import usage
from ZPublisher.mapply import mapply

import transaction

#: the methods of each tool that change which workflow a type runs under
GUARDED = {
    DefaultWorkflowPolicyDefinition: {"manage_changeWorkflows", "setChainForPortalTypes",
                                      "setChain", "delChain", "setDefaultChain"},
    WorkflowTool: {"manage_changeWorkflows", "setChainForPortalTypes", "setDefaultChain"},
}
#: Site Setup's content settings and the button that saves them
CONTENT_PANEL = "content-controlpanel"
CONTENT_PANEL_SAVE = "form.button.Save"

MSG_CHAIN_IN_USE = _("The workflows were not changed: ${types} of ${agency_count} agencies "
                     "(${agencies}) would run under another workflow, and ${count} documents "
                     "would lose their state. Copy the agency's policy, change the copy, then switch the "
                     "agency to it on its page “Workflow policy of the agency”: "
                     "${url}")


class ChainInUse(RefusedValue):
    """A chain change that would move documents to another workflow."""


def _guarded_call(request):
    """A callable doing what the request would, or None (not guarded)."""
    published = request.get("PUBLISHED")
    owner = getattr(published, "__self__", None)
    name = getattr(published, "__name__", "")
    for klass, names in GUARDED.items():
        if isinstance(owner, klass) and name in names:
            return lambda: mapply(published, request.args, request,
                                  lambda obj, args, req: obj(*args), 1,
                                  lambda n, req: req["PARENTS"][0], None, request, bind=1)
    return None


def _content_panel_types(request):
    """The types whose workflow Site Setup's content settings would remap
    (every object of them, wherever it is), or []."""
    view, form = request.get("PUBLISHED"), request.form
    if getattr(view, "__name__", "") != CONTENT_PANEL or not (
            form.get(CONTENT_PANEL_SAVE) and form.get("form.workflow.submitted")
            and view.have_new_workflow() and view.new_workflow_is_different()):
        return []
    if form.get("type_id"):
        return [form["type_id"]]
    overridden = {info[0] for info in api.portal.get_tool("portal_workflow").listChainOverrides()}
    return [pt for pt in api.portal.get_tool("portal_types").listContentTypes()
            if pt not in overridden]


def _dry_run(call):
    """The snapshots of the agencies' chains before and after ``call``,
    which is rolled back."""
    before = usage.snapshot()
    savepoint = transaction.savepoint()
    try:
        call()
        after = usage.snapshot()
    except Exception:
        # the tool refuses it itself when it runs for real
        after = before
    finally:
        savepoint.rollback()
    return before, after


def _type_title(types, portal_type):
    fti = types.get(portal_type)
    if fti is None:
        return portal_type
    return in_vietnamese(fti.Title(), domain=fti.i18n_domain or "plone")


def refuse_chain_changes(event):
    """IPubAfterTraversal: refuses a guarded request that would change the
    workflow of an agency's documents."""
    request = event.request
    if request.method != "POST":
        return
    call = _guarded_call(request)
    if call is not None:
        touched = usage.changed_with_documents(*_dry_run(call))
    else:
        remapped = _content_panel_types(request)
        touched = [(a, remapped, count_in(a, portal_type=remapped))
                   for a in (usage.agencies() if remapped else ())]
        touched = [t for t in touched if t[2]]
    if not touched:
        return
    types = api.portal.get_tool("portal_types")
    raise ChainInUse(MSG_CHAIN_IN_USE, dict(
        usage.named([a for a, _pts, _c in touched]),
        types=", ".join(sorted({_type_title(types, pt)
                                for _a, pts, _c in touched for pt in pts})),
        count=sum(count for _a, _pts, count in touched)))
