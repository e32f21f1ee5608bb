"""1034 → 1035: received edXML messages (issue 21, ``exchange/``) —

- the role HubAdapter, which the hub adapter's account gets at the site
  (the permission ``ExchangeEdxml`` it gives has its default roles in
  roles.zcml);
- the catalog index ``edxml_document_id`` (FieldIndex): a message whose
  DocumentId an agency already received is refused without a search of
  the agency's documents. No document is reindexed: none was received
  through edXML before this step;
- the control panel entry of the directory of external organisations.
The other roles, indexes and configlets are left as they are."""

from plone import api
from qlvbdh_policy.roles import HUB_ADAPTER

INDEX = "edxml_document_id"
CONFIGLET = "qlvbdh-external-organisations"


def receive_edxml(context):
    portal = api.portal.get()
    if HUB_ADAPTER not in portal.validRoles():
        portal._addRole(HUB_ADAPTER)
    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog._catalog.indexes:
        catalog.addIndex(INDEX, "FieldIndex")
    controlpanel = api.portal.get_tool("portal_controlpanel")
    if CONFIGLET not in [a.getId() for a in controlpanel.listActions()]:
        controlpanel.registerConfiglet(
            id=CONFIGLET, name="External organisations",
            action="string:${portal_url}/@@external-organisations",
            permission="Manage portal", category="plone-general", appId="qlvbdh_policy",
            icon_expr="string:building")
