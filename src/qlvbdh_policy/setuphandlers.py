"""Install and uninstall hooks."""

from Products.CMFPlone.interfaces import INonInstallable
from zope.interface import implementer

SITE_TITLE = "Hệ thống quản lý văn bản và điều hành tỉnh Tiền Giang"
# Content, not UI text: stored once in Vietnamese, editable by site managers.
SITE_DESCRIPTION = (
    "Phần mềm quản lý văn bản và điều hành dùng chung của các cơ quan "
    "nhà nước tỉnh Tiền Giang."
)


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """The uninstall profile is not offered in the add-ons control panel."""
        return ["qlvbdh_policy:uninstall"]

    def getNonInstallableProducts(self):
        return ["qlvbdh_policy.upgrades"]


def post_install(context):
    """Give the site root its Vietnamese title and welcome, unless an editor
    already wrote their own."""
    from plone import api

    portal = api.portal.get()
    if portal.title in ("", "Plone site", "Site"):
        portal.title = SITE_TITLE
        portal.reindexObject(idxs=["Title"])
    if not portal.description:
        portal.description = SITE_DESCRIPTION
        portal.reindexObject(idxs=["Description"])
    from qlvbdh_policy.accounts import lockout
    from qlvbdh_policy.error_logging import quiet_error_log
    from qlvbdh_policy.search.text_indexes import keep_word_lists_apart
    from qlvbdh_policy.search.text_indexes import use_vietnamese_lexicon

    use_vietnamese_lexicon()
    keep_word_lists_apart()
    lockout.install(portal.acl_users)
    quiet_error_log(portal)


def uninstall(context):
    """Uninstall script: the login guard leaves the site's acl_users."""
    from plone import api
    from qlvbdh_policy.accounts import lockout

    lockout.uninstall(api.portal.get().acl_users)
