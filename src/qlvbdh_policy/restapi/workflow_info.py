"""``@history`` and ``@workflow`` of the documents: steps as ids, titles beside.

plone.restapi's ``@history`` put the step's title where its id belongs
(``"action": "gửi"``: the id ``submit`` passed through Plone's catalogue)
and named steps as Plone's catalogue does, which called the filing step
"Tập tin" (the File type) where the pages said "Lưu hồ sơ" (issue 17).
Here every workflow entry carries

- ``action``: the transition id (``submit``, ``file``, …), a machine field
  a client compares; ``null`` where no step was taken (the document's
  creation, a saved version);
- ``transition_title``: its Vietnamese title, the one the pages show
  (``routing.transition_title``, translated in the add-on's domain);
- ``review_state`` and ``state_title``: the state reached and its title;
- ``time``: ISO 8601 in Vietnam time (``restapi/dates.py``).

``@workflow`` (and ``?expand=workflow``) gives its history entries the
same ``transition_title`` beside ``action``, each offered transition its
``id`` beside ``@id`` and ``title``, all titles as the pages give them; a
step taken through ``POST @workflow/<id>`` answers its entry likewise.
"""

from datetime import datetime
from plone import api
from plone.app.layout.viewlets.content import ContentHistoryViewlet
from plone.restapi.interfaces import IExpandableElement
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from plone.restapi.services.history.get import HistoryGet
from plone.restapi.services.workflow.info import WorkflowInfo
from plone.restapi.services.workflow.transition import WorkflowTransition
from qlvbdh_policy import _
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.interfaces import IQlvbdhPolicyLayer
from qlvbdh_policy.routing.steps import transition_title
from qlvbdh_policy.timeutil import VIETNAM
from zope.component import adapter
from zope.component.hooks import getSite
from zope.i18n import translate
from zope.interface import implementer

#: the title of the entry that records the document's creation (no step)
MSG_CREATED = _("Created")


def step_title(context, action, request):
    """The Vietnamese title of the step ``action`` (a transition id), as
    the pages show it; "Tạo mới" for the creation (no step)."""
    if not action:
        return translate(_(MSG_CREATED), context=request)
    return translate(transition_title(context, action), context=request)


def state_title(context, state, request):
    """The Vietnamese title of the state ``state`` of the context's workflow."""
    for workflow in api.portal.get_tool("portal_workflow").getWorkflowsFor(context):
        definition = workflow.states.get(state) if state else None
        if definition is not None:
            return translate(_(definition.title or state), context=request)
    return state


def _actor(item, site_url):
    return {
        "@id": "{}/@users/{}".format(site_url, item["actorid"]),
        "id": item["actorid"],
        "fullname": item["actor"].get("fullname"),
        "username": item["actor"].get("username"),
    }


def history_entry(context, item, request, site_url):
    """One entry of ``@history`` from the history viewlet's ``item``."""
    entry = {"type": item["type"], "actor": _actor(item, site_url),
             "comments": item.get("comments")}
    if item["type"] == "versioning":
        entry.update(
            action=None,
            transition_title=translate(item["transition_title"], context=request),
            time=datetime.fromtimestamp(int(item["time"]), tz=VIETNAM),
            version=item["version_id"],
            may_revert=bool(item.get("revert_url")),
        )
        entry["@id"] = f"{context.absolute_url()}/@history/{item['version_id']}"
        return entry
    action = item.get("action") or None
    entry.update(
        action=action,
        transition_title=step_title(context, action, request),
        review_state=item.get("review_state"),
        state_title=state_title(context, item.get("review_state"), request),
        time=item.get("time"),
    )
    return entry


class DocumentHistoryGet(HistoryGet):
    """GET @history: the versions as plone.restapi gives them; the list
    with steps as ids and their titles beside."""

    def reply(self):
        if self.version:
            return super().reply()
        viewlet = ContentHistoryViewlet(self.context, self.request, None, None)
        site_url = getSite().absolute_url()
        viewlet.navigation_root_url = viewlet.site_url = site_url
        history = viewlet.fullHistory() or []
        return json_compatible([history_entry(self.context, item, self.request, site_url)
                                for item in history])


@implementer(IExpandableElement)
@adapter(IOfficialDocument, IQlvbdhPolicyLayer)
class DocumentWorkflowInfo(WorkflowInfo):
    """``@workflow`` / ``?expand=workflow``: plone.restapi's, each step's
    id beside its title, the titles as the pages give them."""

    def __call__(self, expand=False):
        result = super().__call__(expand=expand)
        if not expand:
            return result
        info, context, request = result["workflow"], self.context, self.request
        for entry in info.get("history", ()):
            entry["action"] = entry.get("action") or None
            entry["transition_title"] = step_title(context, entry["action"], request)
            entry["title"] = entry["state_title"] = state_title(
                context, entry.get("review_state"), request)
        for transition in info.get("transitions", ()):
            transition["id"] = transition["@id"].rsplit("/", 1)[-1]
            transition["title"] = step_title(context, transition["id"], request)
        state = info.get("state")
        if state and state.get("id"):
            state["title"] = state_title(context, state["id"], request)
        return result


class DocumentWorkflowGet(Service):
    def reply(self):
        return DocumentWorkflowInfo(self.context, self.request)(expand=True)["workflow"]


class DocumentWorkflowTransition(WorkflowTransition):
    """POST @workflow/<id>: the entry of the step taken, its title beside."""

    def reply(self):
        result = super().reply()
        if (self.request.response.getStatus() < 400 and isinstance(result, dict)
                and "review_state" in result):
            result["action"] = result.get("action") or None
            result["transition_title"] = step_title(self.context, result["action"],
                                                    self.request)
            result["title"] = result["state_title"] = state_title(
                self.context, result["review_state"], self.request)
        return result
