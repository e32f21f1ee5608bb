"""Workflow and workflow-policy titles in Vietnamese (issue 22): Plone's
own screens (Site Setup's placeful workflow panel, the policy mapping
page), the agency's policy page, the REST refusals and the guards' messages
name a workflow or a policy by its title, never in English.

A title is a msgid. The project's titles and its Vietnamese names for
Plone's stock workflows are in the project's catalogue; Plone's stock
policies ("Simple publication", "One state" …) are translated by
CMFPlacefulWorkflow's. A copy made through the web keeps the title of its
original, so it reads the same; a title a site manager wrote in Vietnamese
is its own translation."""

from qlvbdh_policy import _
from qlvbdh_policy.vietnamese import in_vietnamese

#: where a title's translation is looked up, in order
DOMAINS = ("qlvbdh_policy", "plone", "cmfplacefulworkflow")

#: the titles the workflow definitions carry (their ``title`` attribute,
#: which the extraction of state and transition titles does not read), and
#: Plone's stock workflows, which plone.app.locales leaves half in English
#: ("Dòng công việc Simple Publication")
WORKFLOW_TITLES = (
    _("Incoming document (clerk assigns)"),
    _("Simple Publication Workflow"),
    _("Single State Workflow"),
    _("Intranet/Extranet Workflow"),
    _("Intranet Workflow for Folders"),
    _("Community Workflow"),
    _("Community Workflow for Folders"),
    _("Comment Review Workflow"),
)


def title_in_vietnamese(title, request=None):
    """``title`` translated by the first catalogue that knows it."""
    title = str(title or "")
    for domain in DOMAINS:
        text = in_vietnamese(title, request, domain=domain)
        if text and text != title:
            return text
    return title


def workflow_title(workflow, request=None):
    return title_in_vietnamese(workflow.title or workflow.getId(), request)


def policy_title(policy, request=None):
    return title_in_vietnamese(policy.title_or_id(), request)
