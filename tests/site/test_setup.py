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


def test_the_site_setup_gives_a_mail_sender_when_there_is_none(portal):
    """``make run`` passes MAIL_FROM (noreply@BASE_DOMAIN): without a sender
    no mail leaves and overdue reminders are refused (stats/follow_up.py).
    A sender a site manager chose is kept."""
    from qlvbdh_policy.console.setup_site import ensure_mail_sender

    api.portal.set_registry_record("plone.email_from_address", "")
    api.portal.set_registry_record("plone.email_from_name", "")
    assert ensure_mail_sender(None) is None
    assert ensure_mail_sender("noreply@vpdtg.localhost") == "noreply@vpdtg.localhost"
    assert api.portal.get_registry_record("plone.email_from_address") == \
        "noreply@vpdtg.localhost"
    assert api.portal.get_registry_record("plone.email_from_name").startswith("Hệ thống")
    api.portal.set_registry_record("plone.email_from_address", "vanphong@vpdtg.vn")
    assert ensure_mail_sender("noreply@vpdtg.localhost") == "vanphong@vpdtg.vn"
    assert api.portal.get_registry_record("plone.email_from_address") == "vanphong@vpdtg.vn"
    with pytest.raises(ValueError):
        api.portal.set_registry_record("plone.email_from_address", "")
        ensure_mail_sender("noreply")


def test_make_run_passes_the_mail_sender(tmp_path):
    """The Makefile's site step gives setup_site.py MAIL_FROM, by default
    noreply@<BASE_DOMAIN> (``make -n``: the commands, nothing run)."""
    import pathlib
    import subprocess
    import sys

    root = pathlib.Path(__file__).resolve().parents[2]
    venv = pathlib.Path(sys.executable).parent.parent
    shown = subprocess.run(["make", "-n", "-s", "-C", str(root), "site", f"VENV={venv}",
                            f"VAR={tmp_path}", "BASE_DOMAIN=tinh.example"],
                           capture_output=True, text=True, timeout=60).stdout
    assert '--mail-from "noreply@tinh.example"' in shown, shown
