"""1037 → 1038: the site managers' tab "Kiểm tra quy trình" (issue 22),
the action ``workflow_check`` of profiles/default/actions.xml, added alone:
re-importing the actions step would bring back every action a site
manager hid or changed."""

from pathlib import Path
from plone import api
from Products.CMFCore.ActionInformation import Action
from xml.etree import ElementTree

ACTION = "workflow_check"
CATEGORY = "object"
ACTIONS_XML = Path(__file__).resolve().parent.parent / "profiles" / "default" / "actions.xml"
I18N = "{http://xml.zope.org/namespaces/i18n}"


def action_properties(name=ACTION, path=ACTIONS_XML):
    """The action's properties as the profile states them."""
    root = ElementTree.parse(path).getroot()
    node = next(n for n in root.iter("object") if n.get("name") == name)
    props = {"i18n_domain": node.get(f"{I18N}domain", "")}
    for prop in node.findall("property"):
        key = prop.get("name")
        if key == "permissions":
            props[key] = tuple(e.get("value") for e in prop.findall("element"))
        elif key == "visible":
            props[key] = (prop.text or "").strip() == "True"
        else:
            props[key] = (prop.text or "").strip()
    return props


def add_workflow_check_tab(context):
    category = api.portal.get_tool("portal_actions")[CATEGORY]
    if ACTION not in category.objectIds():
        category._setObject(ACTION, Action(ACTION, **action_properties()))
