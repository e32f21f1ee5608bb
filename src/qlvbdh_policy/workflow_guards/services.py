"""GET <site or agency>/@workflow-check (issue 22): the check page's
findings, for site managers: per agency, the stuck documents and the
states no one waits on."""

from plone.restapi.services import Service
from qlvbdh_policy.workflow_guards.check import check


class WorkflowCheckGet(Service):
    def reply(self):
        return check(self.context)
