"""Types added by an upgrade step without importing every type again: the
profile's ``typeinfo`` step sets every type's properties from its XML,
which undoes what site managers changed through the web (titles,
descriptions, views, what may be added where)."""

from plone import api
from plone.dexterity.fti import DexterityFTI
from Products.GenericSetup.interfaces import IBody
from qlvbdh_policy import PROFILE_ID
from zope.component import queryMultiAdapter


def add_types(context, names, allowed_in=()):
    """Create the types ``names`` the site lacks from the profile's
    types/<name>.xml, and let each ``(container type, name)`` of
    ``allowed_in`` hold its new type; nothing else of any type is touched."""
    types = api.portal.get_tool("portal_types")
    environ = context._getImportContext("profile-" + PROFILE_ID)
    for name in names:
        if name in types.objectIds():
            continue
        types._setObject(name, DexterityFTI(name))
        importer = queryMultiAdapter((types[name], environ), IBody)
        importer.body = environ.readDataFile(f"types/{name}.xml")
    for container, name in allowed_in:
        fti = types.getTypeInfo(container)
        if fti is not None and name not in fti.allowed_content_types:
            fti.allowed_content_types = tuple(fti.allowed_content_types) + (name,)
