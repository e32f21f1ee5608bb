"""The upgrade-step machinery and its first step."""

from plone import api

PROFILE = "qlvbdh_policy:default"


def upgrade_steps(setup, source):
    return [
        step
        for step in setup.listUpgrades(PROFILE, show_old=True)
        if not isinstance(step, list) and step["ssource"] == source
    ]


def test_first_step_registered(portal):
    setup = api.portal.get_tool("portal_setup")
    steps = upgrade_steps(setup, "1000")
    assert [s["sdest"] for s in steps] == ["1001"]


def test_profile_version_matches_last_step(portal):
    setup = api.portal.get_tool("portal_setup")
    last = max(
        int(s["sdest"]) for s in setup.listUpgrades(PROFILE, show_old=True)
        if not isinstance(s, list)
    )
    assert setup.getVersionForProfile(PROFILE) == str(last)


def test_1001_restores_site_defaults(portal):
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1000")
    api.portal.set_registry_record("plone.portal_timezone", "UTC")
    api.portal.set_registry_record("plone.default_language", "en")
    assert setup.listUpgrades(PROFILE)

    setup.upgradeProfile(PROFILE)

    assert api.portal.get_registry_record("plone.portal_timezone") == "Asia/Ho_Chi_Minh"
    assert api.portal.get_registry_record("plone.default_language") == "vi"
    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert not setup.listUpgrades(PROFILE)
