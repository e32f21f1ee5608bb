"""Marker interfaces."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IQlvbdhPolicyLayer(IDefaultBrowserLayer):
    """Browser layer: views and overrides of this add-on apply only on
    sites where it is installed."""
