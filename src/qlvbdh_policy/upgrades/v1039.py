"""1038 → 1039: Site Setup's entry "Kiểm tra quy trình" (issue 22), the
configlet ``qlvbdh-workflow-check`` of profiles/default/controlpanel.xml,
registered alone: re-importing the controlpanel step would bring back
every entry a site manager hid or changed. The page was reachable from
the toolbar's tab only (upgrade 1038)."""

from pathlib import Path
from plone import api
from xml.etree import ElementTree

CONFIGLET = "qlvbdh-workflow-check"
CONTROLPANEL_XML = (Path(__file__).resolve().parent.parent / "profiles" / "default"
                    / "controlpanel.xml")


def configlet_properties(action_id=CONFIGLET, path=CONTROLPANEL_XML):
    """registerConfiglet's arguments as the profile states the configlet."""
    root = ElementTree.parse(path).getroot()
    node = next(n for n in root.iter("configlet") if n.get("action_id") == action_id)
    return {"id": action_id, "name": node.get("title"), "action": node.get("url_expr"),
            "condition": node.get("condition_expr") or "", "category": node.get("category"),
            "appId": node.get("appId"), "icon_expr": node.get("icon_expr"),
            "visible": node.get("visible") == "True",
            "permission": tuple(p.text.strip() for p in node.findall("permission"))}


def add_workflow_check_configlet(context):
    controlpanel = api.portal.get_tool("portal_controlpanel")
    if CONFIGLET not in [a.getId() for a in controlpanel.listActions()]:
        controlpanel.registerConfiglet(**configlet_properties())
