"""Install and uninstall hooks."""

from Products.CMFPlone.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """The uninstall profile is not offered in the add-ons control panel."""
        return ["qlvbdh_policy:uninstall"]

    def getNonInstallableProducts(self):
        return ["qlvbdh_policy.upgrades"]


def post_install(context):
    """Post install script."""


def uninstall(context):
    """Uninstall script."""
