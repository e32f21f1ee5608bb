"""Which of the agencies' documents a workflow, a state, a transition or a
chain stands for: the counts the guards name when they refuse (issue 22).

Documents live in agencies, each under its placeful policy (or the site's
chains where the policy binds nothing); the catalog's ``review_state`` is
the state in the first workflow of a type's chain, so a count is one
catalog query per agency, no object loaded.
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.agencies.workflow_policies import chains_of
from qlvbdh_policy.agencies.workflow_policies import count_in
from qlvbdh_policy.rules.few_named import few_named
from qlvbdh_policy.vietnamese import in_vietnamese

MSG_AND_OTHERS = _("${names} and ${others} other agencies")


def agencies():
    catalog = api.portal.get_tool("portal_catalog")
    return [b._unrestrictedGetObject() for b in catalog.unrestrictedSearchResults(
        portal_type="Agency", sort_on="sortable_title")]


def types_under(agency, workflow_id):
    """The portal types that run under ``workflow_id`` in the agency."""
    return sorted(pt for pt, chain in chains_of(agency).items()
                  if chain and chain[0] == workflow_id)


def in_states(workflow_id, state_ids=None):
    """[(agency, count)] of the objects standing in ``state_ids`` (None:
    any) of the workflow ``workflow_id``, agencies with none left out."""
    found = []
    for agency in agencies():
        types = types_under(agency, workflow_id)
        if not types:
            continue
        query = {"portal_type": types}
        if state_ids is not None:
            query["review_state"] = sorted(state_ids)
        count = count_in(agency, **query) if state_ids is None or state_ids else 0
        if count:
            found.append((agency, count))
    return found


def states_left_by(workflow, transition_id):
    """The states of ``workflow`` that ``transition_id`` leaves."""
    return sorted(s.getId() for s in workflow.states.objectValues()
                  if transition_id in (s.transitions or ()))


def snapshot():
    """{agency path: (agency, {portal type: chain})} of every agency."""
    return {"/".join(a.getPhysicalPath()): (a, chains_of(a)) for a in agencies()}


def changed_with_documents(before, after):
    """[(agency, [portal types], count)] of the agencies where the chain of
    a type changed between the two snapshots and objects of it exist."""
    touched = []
    for path, (agency, old) in sorted(before.items()):
        new = after.get(path, (agency, {}))[1]
        types = sorted(pt for pt in old if tuple(old[pt]) != tuple(new.get(pt, old[pt])))
        count = count_in(agency, portal_type=types) if types else 0
        if count:
            touched.append((agency, types, count))
    return touched


def named(agencies, request=None):
    """What a guard's message says of the ``agencies`` it names: how many
    (``agency_count``), a few by name and the rest counted (``agencies``),
    and the page that switches the first one safely (``url``): thirty
    names would not fit a status message, and the guidance would be lost."""
    names, others = few_named([a.title for a in agencies])
    phrase = ", ".join(names)
    if others:
        phrase = in_vietnamese(_(MSG_AND_OTHERS, mapping={"names": phrase, "others": others}),
                               request)
    url = f"{agencies[0].absolute_url()}/@@workflow-policy" if agencies else ""
    return {"agencies": phrase, "agency_count": len(agencies), "url": url}
