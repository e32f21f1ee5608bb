"""1020 → 1021: machine fields stay machine fields (issue 17).

- The filing steps (``file`` of the incoming workflows, ``archive`` of the
  outgoing one) were titled "File", a msgid Plone's own catalogue
  translates as "Tập tin" (the File content type): REST and the state
  menu said "Tập tin" where the pages said "Lưu hồ sơ". They are titled
  "File the document" now, as the profile defines them; only those titles
  change (site managers may have changed the rest through the web).
- An outgoing document's number is a string as printed ("05"), as on
  incoming documents and delivered copies (``content.document_fields.
  code_number``): the numbers stored as integers are written as printed
  and their catalog entries refreshed.
"""

from plone import api
from qlvbdh_policy.rules.notation import format_number

FILING_STEPS = {
    "qlvbdh_incoming_workflow": "file",
    "qlvbdh_incoming_simple_workflow": "file",
    "qlvbdh_outgoing_workflow": "archive",
}
OLD_TITLE = "File"
TITLE = "File the document"


def retitle_filing_steps(wftool):
    for workflow_id, transition_id in FILING_STEPS.items():
        workflow = wftool.getWorkflowById(workflow_id)
        transition = workflow.transitions.get(transition_id) if workflow else None
        if transition is None:
            continue
        if transition.title == OLD_TITLE:
            transition.title = TITLE
        if transition.actbox_name == OLD_TITLE:
            transition.actbox_name = TITLE


def print_outgoing_numbers(catalog):
    for brain in catalog.unrestrictedSearchResults(portal_type="OutgoingDocument"):
        doc = brain._unrestrictedGetObject()
        number = getattr(doc, "code_number", None)
        if isinstance(number, int) and not isinstance(number, bool) and number > 0:
            doc.code_number = format_number(number)
            doc.reindexObject(idxs=["code_number"])


def machine_fields(context):
    retitle_filing_steps(api.portal.get_tool("portal_workflow"))
    print_outgoing_numbers(api.portal.get_tool("portal_catalog"))
