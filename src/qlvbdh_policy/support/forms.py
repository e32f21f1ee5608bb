"""The support form at ``<site>/ho-tro``, from the profile: its definition
(fields, actions, thanks page) is the form's export by collective.easyform
(“Export” on the form: GenericSetup's structure format, the form's
``.data`` in ``profiles/default/easyforms/ho-tro/structure``) and is read
back with easyform's own import (``IFilesystemImporter(form).import_``),
so a new site has the form and a site manager can replace it by importing
a newer export through the web.

Not Plone's ``content`` import step (``structure/`` at the profile's top):
that one deletes the site's other content unless told to keep it and puts
the profile's form back over the site manager's changes at every import.
This step makes the form only where there is none."""

from pathlib import Path
from plone import api
from Products.GenericSetup.context import DirectoryImportContext
from Products.GenericSetup.interfaces import IFilesystemImporter
from qlvbdh_policy.interfaces import IProvinceWide
from zope.interface import alsoProvides

FORM_ID = "ho-tro"
FORMS = Path(__file__).resolve().parent.parent / "profiles" / "default" / "easyforms"
MARKER = "qlvbdh_policy_support.txt"
#: every logged-in official reads (and so may submit) the form; anonymous
#: visitors see nothing: the form has no workflow and would take the site
#: root's View (open to visitors), so its View is its own, not acquired
READERS = "AuthenticatedUsers"
VIEWERS = ("Manager", "Site Administrator", "Editor", "Reader", "Owner")


def import_form(site, form_id=FORM_ID, folder=FORMS):
    """Make the form from its export unless the site has one; return it."""
    if form_id in site.objectIds():
        return site[form_id]
    with api.env.adopt_roles(["Manager"]):
        # made under another id: the export's ``id`` header renames the form
        # (its short name), which would give ho-tro-1 beside itself
        form = api.content.create(container=site, type="EasyForm", id=f"{form_id}-import",
                                  title=form_id, safe_id=False)
        setup_tool = api.portal.get_tool("portal_setup")
        context = DirectoryImportContext(setup_tool, str(folder / form_id))
        IFilesystemImporter(form).import_(context, "structure", True)
        form = site[form_id] if form_id in site.objectIds() else api.content.rename(
            obj=form, new_id=form_id)
        form.manage_setLocalRoles(READERS, ["Reader"])
        form.manage_permission("View", VIEWERS, acquire=False)
        alsoProvides(form, IProvinceWide)  # served on every agency's host too
        form.reindexObject()
        form.reindexObjectSecurity()
    return form


def import_support(context):
    """GenericSetup step: the desk, the IT centre's group and the form."""
    if context.readDataFile(MARKER) is None:
        return
    from qlvbdh_policy.support.desk import ensure_desk
    from qlvbdh_policy.support.desk import ensure_support_group

    site = context.getSite()
    ensure_support_group()
    ensure_desk(site)
    import_form(site)
