"""Small per-site stores kept in the site's annotations (an OOBTree each:
concurrent writers to different keys do not conflict)."""

from BTrees.OOBTree import OOBTree
from plone import api
from zope.annotation.interfaces import IAnnotations


def site_tree(key, create=False):
    """The OOBTree under ``key``; an empty dict when absent and not created."""
    annotations = IAnnotations(api.portal.get())
    if key not in annotations and create:
        annotations[key] = OOBTree()
    return annotations.get(key, {})
