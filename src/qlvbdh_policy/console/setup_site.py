"""Create or update the Plone site of a deployment.

Run inside Zope with ``zconsole run <zope.conf> scripts/setup_site.py``;
``make run`` does this. Idempotent: an existing site is upgraded, not
recreated, and demo data already present is left alone.
"""

import logging
import transaction

logger = logging.getLogger("qlvbdh_policy.setup")

SITE_ID = "qlvbdh"
SITE_TITLE = "Hệ thống quản lý văn bản và điều hành tỉnh Tiền Giang"
PROFILE_ID = "qlvbdh_policy:default"
EXTENSION_PROFILES = (PROFILE_ID,)


def ensure_zope_admin(app, password, username="admin"):
    """The Zope root account; its password follows ADMIN_PASSWORD."""
    acl = app.acl_users
    if acl.getUserById(username) is None:
        acl._doAddUser(username, password, ["Manager"], [])
        return "created"
    users = getattr(acl, "users", None)  # PAS root: a ZODBUserManager
    if users is not None and hasattr(users, "updateUserPassword"):
        users.updateUserPassword(username, password)
    else:  # classic user folder
        acl._doChangeUser(username, password, ["Manager"], [])
    return "updated"


def ensure_site(app):
    """Return the site, creating it when missing, upgrading it otherwise."""
    from Products.CMFPlone.factory import addPloneSite

    site = app.get(SITE_ID)
    if site is None:
        site = addPloneSite(
            app,
            SITE_ID,
            title=SITE_TITLE,
            extension_ids=EXTENSION_PROFILES,
            setup_content=False,
            default_language="vi",
            portal_timezone="Asia/Ho_Chi_Minh",
        )
        return site, "created"
    from zope.component.hooks import setSite

    setSite(site)
    setup = site.portal_setup
    if setup.getLastVersionForProfile(PROFILE_ID) == "unknown":
        setup.runAllImportStepsFromProfile("profile-" + PROFILE_ID)
        return site, "installed"
    if setup.listUpgrades(PROFILE_ID):
        setup.upgradeProfile(PROFILE_ID)
        return site, "upgraded"
    return site, "unchanged"


SENDER_RECORD, SENDER_NAME_RECORD = "plone.email_from_address", "plone.email_from_name"


def ensure_mail_sender(address, name=SITE_TITLE):
    """The site's mail sender (Site Setup → Mail): without one no mail
    leaves — no routing notice, no overdue reminder (routing/notifications.py,
    stats/follow_up.py). Set from ``address`` (``make run``: MAIL_FROM,
    noreply@<BASE_DOMAIN>) only when the site has none, so that what a
    site manager chose stays; returns the sender in force."""
    from plone import api

    current = api.portal.get_registry_record(SENDER_RECORD, default=None)
    if current or not address:
        return current or None
    if "@" not in address.strip("@"):
        raise ValueError(f"--mail-from: {address!r} is not an e-mail address")
    api.portal.set_registry_record(SENDER_RECORD, address)
    if not api.portal.get_registry_record(SENDER_NAME_RECORD, default=None):
        api.portal.set_registry_record(SENDER_NAME_RECORD, name)
    return address


def main(app, argv):
    from qlvbdh_policy.agencies.province import load_province
    from qlvbdh_policy.demo import load_demo
    from zope.component.hooks import setSite

    import argparse
    import os

    parser = argparse.ArgumentParser(prog="setup_site")
    parser.add_argument("--province", default=None, help="folder of the province profile")
    parser.add_argument("--demo", default=None, help="folder of demo data")
    parser.add_argument("--public-url", default=None,
                        help="the portal's address, for links in cron mails "
                             "(http://vpdtg.localhost:8080); kept when not given")
    parser.add_argument("--mail-from", default=os.environ.get("MAIL_FROM"),
                        help="the sender of the site's mail, set when the site has none "
                             "(make run: noreply@BASE_DOMAIN)")
    args = parser.parse_args(argv)

    admin = ensure_zope_admin(app, os.environ.get("ADMIN_PASSWORD", "admin"))
    site, state = ensure_site(app)
    setSite(site)
    if args.province:
        created, total = load_province(site, args.province)
        print(f"Province: {total} agencies ({created} created)")
    users = load_demo(site, args.demo) if args.demo else []
    if args.public_url:
        from plone import api
        api.portal.set_registry_record("qlvbdh.public_base_url", args.public_url)
    sender = ensure_mail_sender(args.mail_from)
    from qlvbdh_policy.error_logging import quiet_error_log

    quiet_error_log(site)  # refusals added since the last upgrade too
    transaction.commit()
    print(f"Mail sender: {sender or 'none (Site Setup → Mail): no mail leaves'}")
    print(f"Zope admin account: admin ({admin})")
    print(f"Plone site /{SITE_ID}: {state}")
    for row in users:
        print(f"  demo account {row['username']} / {row['password']}  ({row['fullname']})")
