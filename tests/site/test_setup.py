"""Installing and uninstalling the add-on."""

from plone import api
from plone.browserlayer.utils import registered_layers
from qlvbdh_policy.interfaces import IQlvbdhPolicyLayer
from qlvbdh_policy.setuphandlers import SITE_DESCRIPTION

import pytest

PROFILE = "qlvbdh_policy:default"


class TestInstall:
    def test_installed(self, portal):
        installer = api.portal.get_tool("portal_setup")
        assert installer.getLastVersionForProfile(PROFILE) == (installer.getVersionForProfile(PROFILE),)

    def test_browserlayer(self, portal):
        assert IQlvbdhPolicyLayer in registered_layers()

    @pytest.mark.parametrize(
        "key,value",
        [
            ("plone.default_language", "vi"),
            ("plone.available_languages", ["vi"]),
            ("plone.portal_timezone", "Asia/Ho_Chi_Minh"),
            ("plone.available_timezones", ["Asia/Ho_Chi_Minh"]),
            ("plone.site_title", "Hệ thống quản lý văn bản và điều hành tỉnh Tiền Giang"),
            ("plone.app.theming.interfaces.IThemeSettings.hostnameBlacklist", []),
        ],
    )
    def test_site_defaults(self, portal, key, value):
        assert api.portal.get_registry_record(key) == value

    def test_dependencies_installed(self, portal):
        setup = api.portal.get_tool("portal_setup")
        for profile in (
            "plone.restapi:default",
            "plone.app.versioningbehavior:default",
            "Products.CMFPlacefulWorkflow:CMFPlacefulWorkflow",
            "plonetheme.barceloneta:default",
        ):
            assert setup.getLastVersionForProfile(profile) != "unknown", profile
        assert "portal_placeful_workflow" in portal.objectIds()

    def test_site_description(self, portal):
        assert portal.description == SITE_DESCRIPTION

    def test_editor_description_kept_on_reinstall(self, portal):
        portal.description = "Do biên tập viên viết"
        setup = api.portal.get_tool("portal_setup")
        setup.runAllImportStepsFromProfile("profile-" + PROFILE)
        assert portal.description == "Do biên tập viên viết"

    def test_dates_shown_dd_mm_yyyy(self, portal, http_request):
        from DateTime import DateTime
        from Products.CMFPlone.i18nl10n import ulocalized_time

        http_request["LANGUAGE"] = "vi"
        when = DateTime("2026/01/05 08:30 GMT+7")
        assert ulocalized_time(when, context=portal, request=http_request) == "05/01/2026"
        assert (
            ulocalized_time(when, long_format=True, context=portal, request=http_request)
            == "05/01/2026 08:30"
        )


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, portal):
        installer = api.content.get_view("installer", portal, portal.REQUEST)
        installer.uninstall_product("qlvbdh_policy")
        return installer

    def test_not_installed(self, uninstalled):
        assert not uninstalled.is_product_installed("qlvbdh_policy")

    def test_browserlayer_removed(self, uninstalled):
        assert IQlvbdhPolicyLayer not in registered_layers()

    def test_user_guide_link_removed(self, uninstalled):
        site_actions = api.portal.get_tool("portal_actions").site_actions
        assert "user_guide" not in site_actions.objectIds()
        assert "sitemap" in site_actions.objectIds()

    def test_plones_own_mailhost_again(self, uninstalled):
        from Acquisition import aq_base
        from Products.MailHost.interfaces import IMailHost
        from Products.MailHost.MailHost import MailHost
        from zope.component import getUtility

        mailhost = api.portal.get_tool("MailHost")
        assert type(aq_base(mailhost)) is MailHost
        assert aq_base(getUtility(IMailHost)) is aq_base(mailhost)
