"""1028 → 1029: the case file's pages for the people who keep them
(issue 19). The “Add” menu's “Hồ sơ” leads to the form that anyone of
the agency who opens case files may use (``@@open-case-file``), and a
case file has one layout, its own page, so the display menu no longer
offers the bare “case-file” and “view”. Only these two properties of the
type are set: the rest of the type, as a site manager may have changed
it, is kept."""

from plone import api

ADD_VIEW = "string:${folder_url}/@@open-case-file"
LAYOUTS = ("case-file",)


def case_file_pages(context):
    fti = api.portal.get_tool("portal_types").getTypeInfo("CaseFile")
    if fti is None:
        return
    fti._updateProperty("add_view_expr", ADD_VIEW)
    fti._updateProperty("view_methods", LAYOUTS)
    if fti.default_view not in LAYOUTS:
        fti._updateProperty("default_view", LAYOUTS[0])
