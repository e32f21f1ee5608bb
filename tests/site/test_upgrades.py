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


def test_1003_brings_routing_to_existing_agencies(portal):
    """A 1002 site: an agency without groups, inbox or policy, a registered
    document. After the step the agency is set up like a new one and the
    document keeps its state."""
    from domain_fixtures import incoming
    from domain_fixtures import make_agency
    from Products.CMFPlacefulWorkflow.PlacefulWorkflowTool import WorkflowPolicyConfig_id

    agency = make_agency(portal)
    doc = incoming(agency["den-2026"])
    with api.env.adopt_roles(["Manager"]):
        agency._delObject(WorkflowPolicyConfig_id)
        agency.manage_delObjects(["cho-tiep-nhan"])
        agency.manage_delLocalRoles(["sttt-clerks"])
        api.group.delete(groupname="sttt-clerks")
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1002")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert agency.get_local_roles_for_userid("sttt-clerks") == ("Clerk",)
    assert "cho-tiep-nhan" in agency.objectIds()
    ptool = api.portal.get_tool("portal_placeful_workflow")
    assert ptool.getWorkflowPolicyConfig(agency).getPolicyBelowId() == "qlvbdh_standard"
    assert api.content.get_state(doc) == "registered"
    catalog = api.portal.get_tool("portal_catalog")
    assert [b.UID for b in catalog.unrestrictedSearchResults(waiting_for="sttt-clerks")] == [
        doc.UID()]


def test_1004_makes_existing_content_findable_without_diacritics(portal):
    """A 1003 site: text indexes on Plone's lexicon, a document in them.
    After the step, "uy ban" finds it."""
    from domain_fixtures import incoming
    from domain_fixtures import make_agency

    catalog = api.portal.get_tool("portal_catalog")
    for index in ("SearchableText", "Title", "Description"):
        catalog.delIndex(index)
        catalog.addIndex(index, "ZCTextIndex", type("extra", (), {
            "index_type": "Okapi BM25 Rank", "lexicon_id": "plone_lexicon",
            "doc_attr": index})())
    doc = incoming(make_agency(portal)["den-2026"], title="Ủy ban nhân dân tỉnh Tiền Giang")
    catalog.manage_reindexIndex(ids=["SearchableText", "Title", "Description"])
    assert not catalog.unrestrictedSearchResults(SearchableText="uy ban")  # stock Plone
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1003")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert [b.UID for b in catalog.unrestrictedSearchResults(SearchableText="uy ban")] == [
        doc.UID()]
    assert [b.UID for b in catalog.unrestrictedSearchResults(SearchableText="123/qđ-ubnd")] == [
        doc.UID()]


def test_1005_register_books_on_existing_content(portal):
    """A 1004 site: no book indexes, the register shows Dexterity's view.
    After the step the register's page is its book and existing documents
    are in the new indexes and metadata."""
    from domain_fixtures import incoming
    from domain_fixtures import make_agency

    register = make_agency(portal)["den-2026"]
    doc = incoming(register, recipient_unit="Phòng Văn hóa")
    catalog = api.portal.get_tool("portal_catalog")
    for index in ("book_number", "correspondents", "handlers"):
        catalog.delIndex(index)
    for column in ("receiver", "recipients", "archive_holder", "copies", "reply_uid",
                   "completed_on"):
        catalog.delColumn(column)
    fti = api.portal.get_tool("portal_types")["Register"]
    fti.manage_changeProperties(default_view="view", view_methods=("view",))
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1004")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert fti.default_view == "book"
    brains = catalog.unrestrictedSearchResults(book_number=doc.arrival_number,
                                               correspondents=doc.sender_name)
    assert [b.UID for b in brains] == [doc.UID()]
    assert brains[0].receiver == "Phòng Văn hóa"


def test_1006_gives_agency_admins_their_accounts_permission(portal):
    from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
    from qlvbdh_policy.accounts import lockout

    permission = "qlvbdh_policy: Manage agency accounts"
    portal.manage_permission(permission, roles=["Manager"], acquire=True)
    lockout.uninstall(portal.acl_users)
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1005")

    setup.upgradeProfile(PROFILE)

    roles = {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]}
    assert {"AgencyAdmin", "Manager", "Site Administrator"} <= roles
    authenticators = portal.acl_users.plugins.listPluginIds(IAuthenticationPlugin)
    assert authenticators[0] == lockout.PLUGIN_ID


def test_1007_installs_the_login_policy(portal):
    from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin
    from qlvbdh_policy.accounts import lockout

    acl_users = portal.acl_users
    lockout.uninstall(acl_users)
    lockout.install(acl_users)
    # as 1006 left it: the guard authenticates but neither validates nor names
    acl_users.plugins.deactivatePlugin(IValidationPlugin, lockout.PLUGIN_ID)
    acl_users.plugins.activatePlugin(IValidationPlugin, lockout.PLONE_PASSWORD_POLICY)
    acl_users.login_transform = ""
    del getattr(acl_users, lockout.PLUGIN_ID)._disabled
    memberdata = api.portal.get_tool("portal_memberdata")
    memberdata.manage_delProperties(["must_change_password"])
    api.portal.get_tool("portal_actions").object.manage_delObjects(["agency_accounts"])
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility
    del getUtility(IRegistry).records["qlvbdh.public_base_url"]
    registration = api.portal.get_tool("portal_registration")
    assert registration.testPasswordValidity("abcdefgh") is None  # Plone: length only
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1006")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    validators = acl_users.plugins.listPluginIds(IValidationPlugin)
    assert lockout.PLUGIN_ID in validators and lockout.PLONE_PASSWORD_POLICY not in validators
    assert "chữ số" in registration.testPasswordValidity("abcdefgh")
    assert acl_users.login_transform == lockout.PLUGIN_ID
    assert getattr(acl_users, lockout.PLUGIN_ID).is_disabled("nobody") is False
    assert memberdata.getProperty("must_change_password") is False
    assert "agency_accounts" in api.portal.get_tool("portal_actions").object.objectIds()
    assert api.portal.get_registry_record("qlvbdh.public_base_url") is None


def test_1008_adds_the_agency_changes_tab(portal):
    actions = api.portal.get_tool("portal_actions").object
    actions.manage_delObjects(["agency_changes"])
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1007")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert actions.agency_changes.url_expr == "string:${object_url}/@@agency-changes"
    assert "agency_accounts" in actions.objectIds()  # the other tabs are kept


def test_1009_leaves_the_roles_that_open_documents_to_site_managers(portal):
    """A 1008 site: agency admins and owners may give Plone's Reader and
    Editor on the Sharing tab, and the permission of the project's document
    roles is unknown there. After the step only site managers hold them."""
    setup = api.portal.get_tool("portal_setup")
    for permission in ("Sharing page: Delegate Reader role", "Sharing page: Delegate Editor role",
                       "qlvbdh_policy: Delegate document roles"):
        portal.manage_permission(permission, ["Manager", "Owner", "Editor", "AgencyAdmin"],
                                 acquire=True)
    setup.setLastVersionForProfile(PROFILE, "1008")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    for permission in ("Sharing page: Delegate Reader role", "Sharing page: Delegate Editor role",
                       "Sharing page: Delegate Contributor role",
                       "Sharing page: Delegate Reviewer role",
                       "qlvbdh_policy: Delegate document roles"):
        holders = {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]}
        assert holders == {"Manager", "Site Administrator"}, permission
    # the roles that open no document stay the agency admin's to give
    holders = {r["name"] for r in portal.rolesOfPermission("qlvbdh_policy: Delegate routing roles")
               if r["selected"]}
    assert "AgencyAdmin" in holders


def test_1010_converts_the_login_records(portal):
    from persistent.mapping import PersistentMapping
    from qlvbdh_policy.accounts import lockout
    from qlvbdh_policy.accounts.login_records import LoginRecord
    from qlvbdh_policy.rules.login_attempts import locked_until

    import datetime

    guard = lockout.guard(portal)
    now = datetime.datetime(2026, 11, 27, 9, 0, tzinfo=datetime.timezone.utc)
    minute = datetime.timedelta(minutes=1)
    # as the guard kept them until 1009: one mapping of failures per account
    guard._records["locked"] = PersistentMapping({
        "failures": [now - 5 * minute, now - 4 * minute], "locked_until": now + 10 * minute,
        "last_login": now - 60 * minute})
    guard._records["counting"] = PersistentMapping({
        "failures": [now - minute], "locked_until": None, "last_login": None})
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1009")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    locked, counting = guard._records["locked"], guard._records["counting"]
    assert isinstance(locked, LoginRecord) and isinstance(counting, LoginRecord)
    assert locked_until(locked.as_dict(), now) == now + 10 * minute
    assert guard.lock_end("locked") == now + 10 * minute
    assert guard.last_login("locked") == now - 60 * minute
    assert counting.as_dict()["attempts"] == [now - minute]


def test_1011_adds_the_earliest_document_date(portal):
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    import datetime

    del getUtility(IRegistry).records["qlvbdh.min_document_date"]
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1010")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert api.portal.get_registry_record("qlvbdh.min_document_date") == datetime.date(1945, 1, 1)


def test_1012_keeps_long_word_lists_and_file_texts_apart(portal):
    """A 1011 site: text indexes of ZCTextIndex's own Okapi class, a file's
    text stored as a dict in the annotations. After the step, the same
    searches find the document, its long word list and its text are records
    of their own."""
    from domain_fixtures import incoming
    from domain_fixtures import make_agency
    from Products.ZCTextIndex.OkapiIndex import OkapiIndex
    from qlvbdh_policy.search import okapi
    from qlvbdh_policy.search import text_cache
    from zope.annotation.interfaces import IAnnotations

    catalog = api.portal.get_tool("portal_catalog")
    for index_id in ("SearchableText", "Title", "Description"):
        index = catalog._catalog.getIndex(index_id)
        index._index_factory = OkapiIndex
        index.clear()
    long_text = " ".join(f"tu{i} ke hoach chuyen doi so" for i in range(400))
    doc = incoming(make_agency(portal)["den-2026"], title="Ủy ban nhân dân tỉnh Tiền Giang")
    IAnnotations(doc)[text_cache.KEY] = {"version": "v1", "text": long_text}
    doc.notes = long_text  # the same words through a field: no file needed
    catalog.manage_reindexIndex(ids=["SearchableText", "Title", "Description"])
    rid = catalog.unrestrictedSearchResults(UID=doc.UID())[0].getRID()
    old = catalog._catalog.indexes["SearchableText"].index
    assert type(old) is OkapiIndex and isinstance(old._docwords[rid], str)
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1011")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    new = catalog._catalog.indexes["SearchableText"].index
    assert isinstance(new, okapi.SeparateOkapiIndex)
    assert isinstance(new._docwords._tree[rid], okapi.WordCodes)
    for query in ("uy ban", "tu399", '"tu17 ke hoach"'):
        assert [b.UID for b in catalog.unrestrictedSearchResults(SearchableText=query)] == [
            doc.UID()], query
    assert not catalog.unrestrictedSearchResults(SearchableText='"hoach tu17"')
    stored = IAnnotations(doc)[text_cache.KEY]
    assert isinstance(stored, text_cache.FileText)
    assert text_cache.cached_text(doc, "v1") == long_text


def test_1013_adds_the_agency_export_tab_for_site_managers(portal):
    actions = api.portal.get_tool("portal_actions").object
    actions.manage_delObjects(["agency_export"])
    permission = "qlvbdh_policy: Export agency data"
    portal.manage_permission(permission, roles=[], acquire=False)
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1012")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert actions.agency_export.url_expr == "string:${object_url}/@@export-agency"
    assert actions.agency_export.permissions == (permission,)
    assert {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]} == {
        "Manager", "Site Administrator"}
    assert "agency_changes" in actions.objectIds()  # the other tabs are kept


def test_1014_puts_the_province_footer_in_place_of_plones(portal):
    from plone.app.portlets.portlets import classic
    from plone.portlets.interfaces import IPortletAssignmentMapping
    from plone.portlets.interfaces import IPortletManager
    from zope.component import getMultiAdapter
    from zope.component import getUtility

    manager = getUtility(IPortletManager, name="plone.footerportlets")
    mapping = getMultiAdapter((portal, manager), IPortletAssignmentMapping)
    del mapping["province-footer"]
    mapping["footer"] = classic.Assignment(template="@@footer", macro="")
    mapping["colophon"] = classic.Assignment(template="colophon", macro="")
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1013")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert list(mapping.keys())[0] == "province-footer"
    assert "footer" not in mapping and "colophon" not in mapping
    assert "actions" in mapping  # the site actions (Hỗ trợ sử dụng, Liên hệ) stay


def test_1015_rebuilds_the_duplicate_keys_without_the_day(portal):
    """A 1014 site stored keys with the document's day: after the step the
    same letter typed with another day of the year is found."""
    from domain_fixtures import incoming
    from domain_fixtures import make_agency
    from qlvbdh_policy.registers.registration import find_duplicates

    import datetime

    register = make_agency(portal)["den-2026"]
    doc = incoming(register, title="Công văn về việc báo cáo")
    catalog = api.portal.get_tool("portal_catalog")
    index = catalog._catalog.getIndex("duplicate_key")
    rid = catalog.unrestrictedSearchResults(UID=doc.UID())[0].getRID()
    stored = index.getEntryForObject(rid)
    index.unindex_object(rid)  # as 1014 kept it: with the day
    index.index_object(rid, type("Old", (), {"duplicate_key": stored + "-11-20"})())
    other_day = datetime.date(doc.doc_date.year, 1, 2)
    args = (register, doc.code_number, doc.code_notation, doc.sender_name, other_day)
    assert list(find_duplicates(*args)) == []
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1014")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert [b.UID for b in find_duplicates(*args)] == [doc.UID()]


def test_1016_links_the_user_guide_from_every_page(portal):
    actions = api.portal.get_tool("portal_actions").site_actions
    actions.manage_delObjects(["user_guide"])
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1015")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    guide = actions.user_guide
    assert actions.objectIds()[0] == "user_guide"  # first in the footer's list
    assert guide.url_expr.endswith('navigation_root_url()}/@@huong-dan/cua-toi"')
    assert guide.permissions == ()  # shown on the login page too
    assert guide.title == "User guide" and guide.i18n_domain == "qlvbdh_policy"
    assert "sitemap" in actions.objectIds()  # Plone's own site actions stay



def test_1017_adds_and_fills_only_the_search_field_indexes(portal):
    from domain_fixtures import incoming
    from domain_fixtures import make_agency
    from qlvbdh_policy.upgrades.v1017 import SEARCH_INDEXES

    doc = incoming(make_agency(portal)["den-2026"], signer_name="Nguyễn Văn An",
                   sender_name="Sở Nội vụ", code_number="45", code_notation="SNV-TCCB")
    catalog = api.portal.get_tool("portal_catalog")
    ids = [index_id for index_id, _attr in SEARCH_INDEXES]
    catalog.manage_delIndex(ids=ids)
    kept = catalog._catalog.indexes["SearchableText"]
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1016")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    for index_id in ids:
        assert catalog._catalog.getIndex(index_id).lexicon_id == "qlvbdh_lexicon"
    assert catalog._catalog.indexes["SearchableText"] is kept  # left as it was
    for query in ({"signer_text": "nguyen van an"}, {"issuer_text": "so noi vu"},
                  {"code_text": "45/snv-tccb"}):
        assert [b.UID for b in catalog.unrestrictedSearchResults(**query)] == [doc.UID()]


def test_1019_stores_old_counters_under_their_new_module(tmp_path):
    """A counter pickled as ``qlvbdh_policy.numbering.SeriesCounter`` (before
    the modules were grouped) still loads, and is stored again under
    ``qlvbdh_policy.registers.numbering``: on a real FileStorage."""
    from BTrees.OOBTree import OOBTree
    from qlvbdh_policy.registers.numbering import SeriesCounter
    from qlvbdh_policy.upgrades.v1019 import store_again
    from ZODB import DB
    from ZODB.FileStorage import FileStorage

    import transaction

    def stored_class(db, obj):
        return db.storage.load(obj._p_oid)[0]

    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        conn = db.open()
        tree = conn.root()["counters"] = OOBTree()
        SeriesCounter.__module__ = "qlvbdh_policy.numbering"
        try:
            tree["vb"] = SeriesCounter()
            tree["vb"].value = 41
            transaction.commit()
        finally:
            SeriesCounter.__module__ = "qlvbdh_policy.registers.numbering"
        assert b"qlvbdh_policy.numbering" in stored_class(db, tree["vb"])
        conn.close()

        conn = db.open()
        tree = conn.root()["counters"]
        assert tree["vb"].value == 41 and isinstance(tree["vb"], SeriesCounter)
        assert store_again([tree]) == 1
        transaction.commit()
        record = stored_class(db, tree["vb"])
        assert b"qlvbdh_policy.registers.numbering" in record
        assert b"qlvbdh_policy.numbering" not in record
        conn.close()
    finally:
        db.close()


def test_1020_puts_the_queued_mailhost_in_place(portal):
    from Acquisition import aq_base
    from Products.MailHost.interfaces import IMailHost
    from Products.MailHost.MailHost import MailHost
    from qlvbdh_policy.mail_queue import QueuedMailHost
    from zope.component import getSiteManager
    from zope.component import getUtility

    # a site as 1019 left it: Plone's own MailHost, its settings of old
    portal._delObject("MailHost")
    portal._setObject("MailHost", MailHost("MailHost", smtp_host="mail.vpdtg.vn"))
    getSiteManager().registerUtility(aq_base(portal.MailHost), IMailHost)
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1019")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    mailhost = api.portal.get_tool("MailHost")
    assert type(aq_base(mailhost)) is QueuedMailHost and mailhost.getId() == "MailHost"
    assert aq_base(getUtility(IMailHost)) is aq_base(mailhost)
    assert mailhost.smtp_queue is True


def test_1021_titles_the_filing_steps_and_prints_outgoing_numbers(portal):
    """A 1020 site: the filing steps titled "File" (Plone's "Tập tin"), an
    issued outgoing document numbered 5 as an integer. After the step: the
    title the pages give, the number as printed, found as printed."""
    from domain_fixtures import issue
    from domain_fixtures import make_agency
    from domain_fixtures import outgoing
    from domain_fixtures import pdf
    from qlvbdh_policy.upgrades.v1021 import FILING_STEPS
    from zope.i18n import translate

    wftool = api.portal.get_tool("portal_workflow")
    for workflow_id, transition_id in FILING_STEPS.items():
        transition = wftool[workflow_id].transitions[transition_id]
        transition.title = transition.actbox_name = "File"
    doc = issue(outgoing(make_agency(portal)["di-2026"], file=pdf()))
    doc.code_number = 5
    doc.reindexObject(idxs=["code_number"])
    catalog = api.portal.get_tool("portal_catalog")
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1020")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    for workflow_id, transition_id in FILING_STEPS.items():
        transition = wftool[workflow_id].transitions[transition_id]
        assert transition.title == transition.actbox_name == "File the document"
        for domain in ("plone", "qlvbdh_policy"):  # the state menu's, the pages'
            assert translate(transition.title, domain=domain, target_language="vi") == "Lưu hồ sơ"
    assert doc.code_number == "05"
    assert [b.UID for b in catalog.unrestrictedSearchResults(code_number="05")] == [doc.UID()]


def test_1022_adds_and_fills_only_the_oversight_indexes(portal):
    """A 1021 site with a completed paper document and an issued outgoing
    one acknowledged the same day: the step adds the four indexes the
    oversight reports count and fills them; the other indexes stay."""
    from domain_fixtures import incoming
    from plone.app.testing import login
    from qlvbdh_policy.accounts import login_days
    from qlvbdh_policy.accounts.lockout import guard
    from qlvbdh_policy.routing import delivery
    from qlvbdh_policy.routing import steps
    from qlvbdh_policy.upgrades.v1022 import OVERSIGHT_INDEXES
    from routing_fixtures import copy_of
    from routing_fixtures import issue_to
    from routing_fixtures import make_province

    a, b = make_province(portal)
    login(portal, "vta")
    doc = incoming(a["den-2026"])
    steps.simple_step(doc, "submit")
    login(portal, "lda")
    steps.assign(doc, "xla")
    login(portal, "xla")
    steps.start(doc)
    steps.complete(doc, "Xong")
    sent = issue_to(portal, a, [b])
    login(portal, "vtb")
    delivery.accept(copy_of(sent, b), b["den-2026"])
    catalog = api.portal.get_tool("portal_catalog")
    ids = [index_id for index_id, _meta in OVERSIGHT_INDEXES]
    catalog.manage_delIndex(ids=ids)
    delattr(guard(portal), login_days.ATTRIBUTE)
    kept = catalog._catalog.indexes["handlers"]
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1021")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert catalog._catalog.indexes["handlers"] is kept
    assert login_days.days_of(guard(portal)) is not None

    def found(**query):
        return {b.UID for b in catalog.unrestrictedSearchResults(**query)}

    assert found(completed_on=doc.arrival_date) == {doc.UID()}
    assert found(departments="vp", portal_type="IncomingDocument") == {doc.UID()}
    assert found(channels="paper", portal_type="IncomingDocument") == {doc.UID()}
    assert found(channels="electronic", portal_type="OutgoingDocument") == {sent.UID()}
    assert found(delivery_feedback="same_day") == {sent.UID()}
    assert found(channels="electronic", portal_type="IncomingDocument") == {
        b.UID for b in catalog.unrestrictedSearchResults(path="/plone/ubndcb/den-2026",
                                                         portal_type="IncomingDocument")}


def test_1023_adds_the_printing_records(portal):
    """A 1022 site without the print mark's setting nor the reports' place:
    the step adds both, the mark off for a document's own PDF."""
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    registry = getUtility(IRegistry)
    for name in ("qlvbdh.stamp_document_pdfs", "qlvbdh.report_place"):
        del registry.records[name]
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1022")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert api.portal.get_registry_record("qlvbdh.stamp_document_pdfs") is False
    assert api.portal.get_registry_record("qlvbdh.report_place") == "Tiền Giang"


def test_1024_adds_the_access_log_settings_and_keeps_the_others(portal):
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    setup = api.portal.get_tool("portal_setup")
    registry = getUtility(IRegistry)
    for name in ("qlvbdh.access_log_retention_days", "qlvbdh.access_log_enabled"):
        del registry.records[name]
    api.portal.set_registry_record("plone.site_title", "Tên do quản trị đặt")
    setup.setLastVersionForProfile(PROFILE, "1023")

    setup.upgradeProfile(PROFILE, "1024")

    assert api.portal.get_registry_record("qlvbdh.access_log_retention_days") == 365
    assert api.portal.get_registry_record("qlvbdh.access_log_enabled") is True
    assert api.portal.get_registry_record("plone.site_title") == "Tên do quản trị đặt"


def test_1025_gives_existing_documents_the_snapshot_of_their_history(portal):
    """A document made before 1025 has no snapshot: its first save would
    only take one. After the step, that save is kept with old and new."""
    from domain_fixtures import incoming
    from qlvbdh_policy.stats import change_history
    from qlvbdh_policy.upgrades.v1025 import snapshot_documents
    from routing_fixtures import make_province
    from zope.annotation.interfaces import IAnnotations
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    a, _b = make_province(portal)
    doc = incoming(a["den-2026"], notes="Bản chụp")
    del IAnnotations(doc)[change_history.SNAPSHOT_KEY]  # as a document of 1024
    assert snapshot_documents() == 1
    assert snapshot_documents() == 0  # once
    doc.notes = "Bản chính"
    notify(ObjectModifiedEvent(doc))
    [entry] = change_history.entries(doc)
    assert entry["changes"] == [("notes", "Bản chụp", "Bản chính")]


def test_1026_adds_the_emulation_criteria_and_keeps_weights_set(portal):
    """A 1025 site has no emulation record: the step adds it with the
    profile's defaults and the control panel's entry; run on a site whose
    weights a manager set, it keeps them."""
    from qlvbdh_policy.rules.emulation import DEFAULT_LINES
    from qlvbdh_policy.stats.emulation import RECORD

    registry = api.portal.get_tool("portal_registry")
    controlpanel = api.portal.get_tool("portal_controlpanel")
    assert list(registry[RECORD]) == list(DEFAULT_LINES)  # a new site
    del registry.records[RECORD]
    controlpanel.unregisterConfiglet("qlvbdh-emulation")
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1025")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert list(registry[RECORD]) == list(DEFAULT_LINES)
    assert "qlvbdh-emulation" in [a.getId() for a in controlpanel.listActions()]
    registry[RECORD] = ["on_time_rate|40"]
    setup.setLastVersionForProfile(PROFILE, "1025")
    setup.upgradeProfile(PROFILE)
    assert list(registry[RECORD]) == ["on_time_rate|40"]


def test_1027_brings_case_files_and_keeps_the_workflows_as_they_are(portal):
    """A 1026 site: no file plan or case file types, workflows or index.
    After the step an agency takes both, under their workflows in the site
    and in its placeful policy; a workflow changed through the web is kept."""
    from plone.app.testing import login
    from qlvbdh_policy.casefiles import filing
    from qlvbdh_policy.casefiles import plans
    from qlvbdh_policy.upgrades import v1027
    from routing_fixtures import make_province

    a, _b = make_province(portal)
    types = api.portal.get_tool("portal_types")
    wftool = api.portal.get_tool("portal_workflow")
    ptool = api.portal.get_tool("portal_placeful_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_roles(["Manager"]):
        types.manage_delObjects(list(v1027.CHAINS))
        wftool.manage_delObjects(["qlvbdh_file_plan_workflow", "qlvbdh_case_file_workflow"])
        for portal_type in v1027.CHAINS:
            wftool.setChainForPortalTypes([portal_type], "(Default)")
            for policy_id in v1027.POLICIES:
                policy = ptool.getWorkflowPolicyById(policy_id)
                del policy._chains_by_type[portal_type]
        catalog.manage_delIndex(ids=[v1027.INDEX])
        wftool["qlvbdh_incoming_workflow"].title = "Văn bản đến (đổi qua web)"
        agency_type = types.getTypeInfo("Agency")
        agency_type.allowed_content_types = tuple(
            name for name in agency_type.allowed_content_types if name not in v1027.CHAINS)
        types.getTypeInfo("IncomingDocument").title = "Công văn đến (đổi qua web)"
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1026")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert wftool["qlvbdh_incoming_workflow"].title == "Văn bản đến (đổi qua web)"
    assert types.getTypeInfo("IncomingDocument").title == "Công văn đến (đổi qua web)"
    assert {"FilePlan", "CaseFile"} <= set(types.getTypeInfo("Agency").allowed_content_types)
    assert v1027.INDEX in catalog._catalog.indexes
    login(portal, "vta")
    plan = plans.ensure_plan(a, 2026)
    entry, = plans.add_entries(plan, [{"code": "01.VP", "title": "Hồ sơ", "retention": "5"}])
    login(portal, "xla")
    case = filing.open_case_file(a, plan_entry=entry.UID())
    assert wftool.getChainFor(case) == ("qlvbdh_case_file_workflow",)
    assert wftool.getChainFor(plan) == ("qlvbdh_file_plan_workflow",)
    assert api.content.get_state(case) == "open"
    assert tuple(wftool["qlvbdh_case_file_workflow"].states["closed"].permission_roles[
        "Modify portal content"]) == ("Manager",)
    v1027.add_case_files(setup)  # twice: nothing doubled, nothing broken


def test_1028_brings_the_hand_over_and_the_archivists(portal):
    """A 1027 site: no Archivist groups, a case file workflow without the
    hand-over, a case file closed under it. After the step each agency has
    its group of archivists holding the role, the workflow its states and
    steps, and the closed case file is handed over and accepted."""
    from plone.app.testing import login
    from qlvbdh_policy.casefiles import filing
    from qlvbdh_policy.casefiles import handover
    from qlvbdh_policy.casefiles import plans
    from qlvbdh_policy.upgrades import v1028
    from routing_fixtures import make_province

    import datetime

    a, b = make_province(portal)
    login(portal, "vta")
    plan = plans.ensure_plan(a, 2026)
    entry, = plans.add_entries(plan, [{"code": "01.VP", "title": "Hồ sơ", "retention": "5",
                                       "responsible": "xla"}])
    login(portal, "xla")
    case = filing.open_case_file(a, plan_entry=entry.UID(), opened=datetime.date(2026, 1, 2))
    filing.close(case, closed="2026-03-01")
    wftool = api.portal.get_tool("portal_workflow")
    workflow = wftool[v1028.WORKFLOW]
    with api.env.adopt_roles(["Manager"]):
        for agency in (a, b):
            agency.manage_delLocalRoles([f"{agency.getId()}-archivists"])
            api.group.delete(groupname=f"{agency.getId()}-archivists")
        # a site from before the hand-over: its definitions removed without
        # the guards (workflow_guards/removal.py) a site manager meets
        for name in ("handed_over", "accepted"):
            workflow.states._delObject(name, suppress_events=True)
        for name in ("hand_over", "accept_hand_over", "return_hand_over"):
            workflow.transitions._delObject(name, suppress_events=True)
        workflow.states["closed"].transitions = ("reopen",)
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1027")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    for agency in (a, b):
        gid = f"{agency.getId()}-archivists"
        assert api.group.get(groupname=gid) is not None
        assert agency.get_local_roles_for_userid(gid) == ("Archivist",)
    assert {"handed_over", "accepted"} <= set(wftool[v1028.WORKFLOW].states.objectIds())
    assert api.content.get_state(case) == "closed"
    with api.env.adopt_roles(["Manager"]):
        api.group.add_user(groupname="sttt-archivists", username="cba")
    login(portal, "xla")
    handover.hand_over(case)
    login(portal, "cba")
    handover.accept(case)
    assert api.content.get_state(case) == "accepted"
    v1028.add_hand_over(setup)  # twice: nothing doubled, nothing broken
    assert api.content.get_state(case) == "accepted"


def test_1029_case_file_pages(portal):
    """A 1028 site: the Add menu's case file leads to ++add++CaseFile (which
    asks for “Add portal content”) and two bare layouts are offered. After
    the step: the open form and one layout; the type's other properties, as
    changed through the web, are kept."""
    from qlvbdh_policy.upgrades import v1029

    fti = api.portal.get_tool("portal_types").getTypeInfo("CaseFile")
    with api.env.adopt_roles(["Manager"]):
        fti._updateProperty("add_view_expr", "string:${folder_url}/++add++CaseFile")
        fti._updateProperty("view_methods", ("case-file", "view"))
        fti._updateProperty("description", "Hồ sơ (đổi qua web)")
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1028")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert fti.add_view_expr == v1029.ADD_VIEW and tuple(fti.view_methods) == ("case-file",)
    assert fti.default_view == "case-file" and fti.description == "Hồ sơ (đổi qua web)"
    v1029.case_file_pages(setup)  # twice: the same
    assert tuple(fti.view_methods) == ("case-file",)


def test_1030_brings_work_calendars_to_existing_agencies(portal):
    """A 1029 site: no work calendar types, workflows, index or calendars.
    After the step each agency has ``lich-cong-tac`` under its workflow;
    the office adds an entry (a draft), a leader publishes the week."""
    from plone.app.testing import login
    from qlvbdh_policy.upgrades import v1030
    from qlvbdh_policy.work_calendar import weeks
    from routing_fixtures import make_province

    import datetime
    import pytz

    a, b = make_province(portal)
    types = api.portal.get_tool("portal_types")
    wftool = api.portal.get_tool("portal_workflow")
    ptool = api.portal.get_tool("portal_placeful_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_roles(["Manager"]):
        for agency in (a, b):
            agency.manage_delObjects(["lich-cong-tac"])
        types.manage_delObjects(list(v1030.CHAINS))
        wftool.manage_delObjects([c[0] for c in v1030.CHAINS.values()])
        for portal_type in v1030.CHAINS:
            wftool.setChainForPortalTypes([portal_type], "(Default)")
            for policy_id in ("qlvbdh_standard", "qlvbdh_simple"):
                del ptool.getWorkflowPolicyById(policy_id)._chains_by_type[portal_type]
        catalog.manage_delIndex(ids=list(v1030.INDEXES))
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1029")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert "WorkCalendar" in types.getTypeInfo("Agency").allowed_content_types
    assert set(v1030.INDEXES) <= set(catalog._catalog.indexes)
    calendar = a["lich-cong-tac"]
    assert b["lich-cong-tac"].portal_type == "WorkCalendar"
    assert wftool.getChainFor(calendar) == ("qlvbdh_work_calendar_workflow",)
    login(portal, "vta")
    start = pytz.timezone("Asia/Ho_Chi_Minh").localize(datetime.datetime(2026, 12, 1, 8))
    entry = api.content.create(container=calendar, type="WorkCalendarEntry", title="Họp",
                               start=start, end=start + datetime.timedelta(hours=1))
    assert api.content.get_state(entry) == "draft"
    login(portal, "lda")
    assert weeks.publish_week(calendar, 2026, 49)["version"] == 1
    assert api.content.get_state(entry) == "published"
    from plone.portlets.interfaces import IPortletAssignmentMapping
    from plone.portlets.interfaces import IPortletManager
    from zope.component import getMultiAdapter
    from zope.component import getUtility

    right = getMultiAdapter((portal, getUtility(IPortletManager, name="plone.rightcolumn")),
                            IPortletAssignmentMapping)
    assert "events" not in right
    v1030.add_work_calendars(setup)  # twice: nothing doubled, nothing broken
    assert a.objectIds().count("lich-cong-tac") == 1


def test_1031_lets_the_people_asked_for_comments_read_drafts(portal):
    """A 1030 site: Informed does not read a draft. After the step the
    draft state lets it read, the existing drafts take it at once, and a
    workflow changed through the web keeps its changes."""
    from domain_fixtures import outgoing
    from qlvbdh_policy.upgrades import v1031
    from routing_fixtures import make_province

    a, _b = make_province(portal)
    wftool = api.portal.get_tool("portal_workflow")
    workflow = wftool[v1031.WORKFLOW]
    state = workflow.states[v1031.STATE]
    with api.env.adopt_roles(["Manager"]):
        for permission in v1031.PERMISSIONS:
            info = state.getPermissionInfo(permission)
            state.setPermission(permission, bool(info["acquired"]),
                                tuple(r for r in info["roles"] if r != v1031.ROLE))
        draft = outgoing(a["di-2026"])
        draft.manage_setLocalRoles("dba", ["Informed"])
        draft.reindexObjectSecurity()
        workflow.title = "Văn bản đi (đổi qua web)"
    assert not api.user.has_permission("View", username="dba", obj=draft)
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1030")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert workflow.title == "Văn bản đi (đổi qua web)"
    assert api.user.has_permission("View", username="dba", obj=draft)
    assert not api.user.has_permission("Modify portal content", username="dba", obj=draft)
    v1031.let_commenters_read_drafts(setup)  # twice: nothing doubled
    for permission in v1031.PERMISSIONS:
        assert list(state.getPermissionInfo(permission)["roles"]).count(v1031.ROLE) == 1


def test_1032_takes_the_refusals_out_of_the_error_log(portal):
    """A 1031 site's error log copies every refusal to the event log at
    ERROR; after the step it ignores them, keeping what a site manager
    listed."""
    from qlvbdh_policy.error_logging import expected_names

    error_log = portal.error_log
    error_log.setProperties(20, True, ["Unauthorized", "NotFound", "Redirect", "MyOwnError"])
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1031")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    ignored = error_log.getProperties()["ignored_exceptions"]
    assert ignored[:4] == ("Unauthorized", "NotFound", "Redirect", "MyOwnError")
    assert set(expected_names()) <= set(ignored)
    assert {"ReportRefused", "RefusedValue", "StepRefused", "ForgedForm"} <= set(ignored)
    assert error_log.getProperties()["copy_to_zlog"] is True


def test_1033_brings_support_requests_and_keeps_what_exists(portal):
    """A 1032 site: no support types, workflow, role, site actions, desk,
    group or form ``ho-tro``, easyform not recorded as installed. After the
    step an official sends a request that the IT centre handles; a workflow
    changed through the web is kept; run again, nothing is doubled and the
    requests made are kept."""
    from plone.app.testing import login
    from plone.app.testing import logout
    from qlvbdh_policy.support import desk as D
    from qlvbdh_policy.support import tracking
    from qlvbdh_policy.upgrades import v1033
    from routing_fixtures import make_province

    make_province(portal)
    types = api.portal.get_tool("portal_types")
    wftool = api.portal.get_tool("portal_workflow")
    site_actions = api.portal.get_tool("portal_actions")["site_actions"]
    setup = api.portal.get_tool("portal_setup")
    new_actions = ["support_request", "my_support_requests", "support_queue"]
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(objects=[portal["ho-tro"], portal["yeu-cau-ho-tro"]])
        types.manage_delObjects(list(v1033.CHAINS))
        wftool.manage_delObjects([v1033.WORKFLOW])
        for portal_type in v1033.CHAINS:
            wftool.setChainForPortalTypes([portal_type], "(Default)")
        site_actions.manage_delObjects(new_actions)
        portal.manage_permission(D.HANDLE_PERMISSION, [], acquire=1)
        portal._delRoles([D.SUPPORT_STAFF])
        api.group.delete(groupname=D.IT_GROUP)
        wftool["qlvbdh_incoming_workflow"].title = "Văn bản đến (đổi qua web)"
    setup.unsetLastVersionForProfile(v1033.EASYFORM)
    setup.setLastVersionForProfile(PROFILE, "1032")
    assert D.SUPPORT_STAFF not in portal.validRoles()

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert setup.getLastVersionForProfile(v1033.EASYFORM) != "unknown"
    assert wftool["qlvbdh_incoming_workflow"].title == "Văn bản đến (đổi qua web)"
    assert set(new_actions) <= set(site_actions.objectIds())
    assert portal["ho-tro"].portal_type == "EasyForm"
    assert "Reader" in dict(portal["ho-tro"].get_local_roles())["AuthenticatedUsers"]
    logout()  # a visitor does not see the form (the site root's View is not acquired)
    assert not api.user.has_permission("View", obj=portal["ho-tro"])
    assert portal["yeu-cau-ho-tro"].portal_type == "SupportDesk"
    assert D.SUPPORT_STAFF in portal.validRoles()
    assert D.SUPPORT_STAFF in api.group.get(groupname=D.IT_GROUP).getRoles()
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="ktv1@example.vn", username="ktv1", password="Ktv-1-secret!")
        api.group.add_user(groupname=D.IT_GROUP, username="ktv1")
    login(portal, "xla")
    request = tracking.create_request({"kind": "incident", "details": "Không đăng nhập được."},
                                      "xla")
    assert wftool.getChainFor(request) == (v1033.WORKFLOW,)
    assert api.content.get_state(request) == "new" and request.number == "HT-2026-0001"
    login(portal, "ktv1")
    assert [r.number for r in tracking.queue()] == ["HT-2026-0001"]
    v1033.add_support_requests(setup)  # twice: nothing doubled, nothing lost
    assert not [i for i in portal.objectIds() if i.startswith("ho-tro-")]
    assert list(portal["yeu-cau-ho-tro"].objectIds()) == ["ht-2026-0001"]
    assert tracking.next_number(portal["yeu-cau-ho-tro"]) == "HT-2026-0002"


def _as_before_1031(portal, wftool, docs):
    """The role and its places in the document workflows gone; one state
    changed through the web."""
    from qlvbdh_policy.upgrades import v1034

    for wf_id in v1034.document_workflows(wftool):
        for state in wftool[wf_id].states.objectValues():
            for permission in v1034.PERMISSIONS:
                info = state.getPermissionInfo(permission)
                state.setPermission(permission, info["acquired"],
                                    [r for r in info["roles"] if r != "ArchiveReader"])
    wftool["qlvbdh_incoming_workflow"].states["registered"].setPermission(
        "View", 0, ["Manager", "Clerk"])
    for doc in docs:
        wftool.getWorkflowsFor(doc)[0].updateRoleMappingsFor(doc)
        doc.reindexObjectSecurity()
    portal.__ac_roles__ = tuple(r for r in portal.__ac_roles__ if r != "ArchiveReader")


def test_1034_lets_the_archive_read_what_it_received(portal):
    """A 1033 site: no role ArchiveReader, document workflows without it
    (one state changed through the web), a case file already accepted and
    a closed one. After the step the accepted one's document is read by
    the archivists, the closed one's is not and its permissions are left
    as they were; the state changed through the web keeps its change."""
    from AccessControl import getSecurityManager
    from domain_fixtures import incoming
    from plone.app.testing import login
    from qlvbdh_policy.casefiles import filing
    from qlvbdh_policy.casefiles import handover
    from qlvbdh_policy.routing import role_assignments as ra
    from qlvbdh_policy.upgrades import v1034
    from routing_fixtures import make_archivist
    from routing_fixtures import make_province
    from zope.annotation.interfaces import IAnnotations

    a, _b = make_province(portal)
    make_archivist(portal)
    wftool = api.portal.get_tool("portal_workflow")
    login(portal, "vta")
    given, kept = (incoming(a["den-2026"], code_number=n, title=f"Công văn {n}")
                   for n in ("51", "52"))
    cases = {}
    for n, (state, doc) in enumerate((("accepted", given), ("closed", kept))):
        login(portal, "vta")
        case = filing.open_case_file(a, outside_plan=True, code=f"0{n + 1}.VP",
                                     title=f"Hồ sơ {state}", retention="5", responsible="vta")
        filing.add_documents(case, [doc.UID()])
        filing.close(case)
        cases[state] = case
    with api.env.adopt_roles(["Manager"]):
        _as_before_1031(portal, wftool, (given, kept))
    login(portal, "vta")
    handover.hand_over(cases["accepted"])
    login(portal, "lta")
    handover.accept(cases["accepted"])
    with api.env.adopt_roles(["Manager"]):
        ra.revoke(given, cause=f"archive:{cases['accepted'].UID()}")
        given.manage_delLocalRoles(["sttt-archivists"])
    kept_view = [r["name"] for r in kept.rolesOfPermission("View") if r["selected"]]
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1033")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert "ArchiveReader" in portal.validRoles()
    registered = wftool["qlvbdh_incoming_workflow"].states["registered"]
    assert tuple(registered.getPermissionInfo("View")["roles"]) == (
        "Manager", "Clerk", "ArchiveReader")
    for wf_id in ("qlvbdh_incoming_workflow", "qlvbdh_incoming_simple_workflow",
                  "qlvbdh_outgoing_workflow"):
        for state in wftool[wf_id].states.objectValues():
            for permission in v1034.PERMISSIONS:
                assert "ArchiveReader" in state.getPermissionInfo(permission)["roles"]
            assert "ArchiveReader" not in state.getPermissionInfo(
                "Modify portal content")["roles"]

    def reads(doc):
        login(portal, "lta")
        for key in [k for k in IAnnotations(portal.REQUEST) if str(k).startswith("borg")]:
            del IAnnotations(portal.REQUEST)[key]
        return bool(getSecurityManager().checkPermission("View", doc))

    assert reads(given) and not reads(kept)
    assert given.get_local_roles_for_userid("sttt-archivists") == ("ArchiveReader",)
    # only where needed: the closed case file's document keeps its mapping
    assert [r["name"] for r in kept.rolesOfPermission("View") if r["selected"]] == kept_view
    v1034.archive_reads(setup)  # twice: nothing doubled, nothing broken
    assert len(ra.assignments(given, role="ArchiveReader")) == 1
    # a later hand-over brings the kept document's mapping up to date itself
    login(portal, "vta")
    handover.hand_over(cases["closed"])
    assert reads(kept)


def test_1035_brings_the_hub_adapter_the_index_and_the_directory(portal):
    """A 1034 site: no role HubAdapter, no index edxml_document_id, no
    configlet of the directory. After the step the hub adapter's account
    has the permission to exchange messages (and no other agency's
    document), the index answers, the control panel lists the directory;
    run again, nothing is doubled; another configlet is kept."""
    from qlvbdh_policy import permissions
    from qlvbdh_policy.upgrades import v1035

    setup = api.portal.get_tool("portal_setup")
    catalog = api.portal.get_tool("portal_catalog")
    controlpanel = api.portal.get_tool("portal_controlpanel")
    catalog.delIndex(v1035.INDEX)
    controlpanel.unregisterConfiglet(v1035.CONFIGLET)
    portal.__ac_roles__ = tuple(r for r in portal.__ac_roles__ if r != "HubAdapter")
    setup.setLastVersionForProfile(PROFILE, "1034")
    assert "HubAdapter" not in portal.validRoles()

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert "HubAdapter" in portal.validRoles()
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="truc@example.vn", username="truc", password="Truc-2026-secret")
        api.user.grant_roles(username="truc", roles=["HubAdapter"])
    assert api.user.has_permission(permissions.ExchangeEdxml, username="truc", obj=portal)
    assert not api.user.has_permission(permissions.AddIncomingDocument, username="truc",
                                       obj=portal)
    assert catalog._catalog.indexes[v1035.INDEX].meta_type == "FieldIndex"
    actions = [a.getId() for a in controlpanel.listActions()]
    assert actions.count(v1035.CONFIGLET) == 1 and "qlvbdh-emulation" in actions
    v1035.receive_edxml(setup)
    assert [a.getId() for a in controlpanel.listActions()].count(v1035.CONFIGLET) == 1


def test_1036_adds_the_signature_column_and_the_trust_roots_page(portal):
    """A 1035 site: no metadata signature_status, no Site Setup entry of
    the trust roots, a registered document. After the step: the column is
    there (empty for the document, which is not verified by the step) and
    the entry too; a document checked again fills its column."""
    from domain_fixtures import incoming
    from domain_fixtures import make_agency
    from qlvbdh_policy.signatures import checking

    doc = incoming(make_agency(portal)["den-2026"])
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delColumn("signature_status")
    controlpanel = api.portal.get_tool("portal_controlpanel")
    controlpanel.unregisterConfiglet("qlvbdh-trust-roots")
    del doc.signature_check
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1035")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert "signature_status" in catalog.schema()
    assert "qlvbdh-trust-roots" in [a.getId() for a in controlpanel.listActions()]
    [brain] = catalog.unrestrictedSearchResults(UID=doc.UID())
    assert brain.signature_status in (None, "") or type(brain.signature_status).__name__ \
        == "Missing"
    checking.recheck(doc)
    [brain] = catalog.unrestrictedSearchResults(UID=doc.UID())
    assert brain.signature_status == "unsigned"


def _as_before_1037(portal, wftool):
    """No meaning variables on the document workflows, no role
    DeputyLeader, no deputies' groups."""
    from qlvbdh_policy.rules import state_meanings as M
    from qlvbdh_policy.upgrades import v1034

    for wf_id in v1034.document_workflows(wftool):
        workflow = wftool[wf_id]
        for state in workflow.states.objectValues():
            state.var_values = None
        workflow.variables.deleteVariables([v for v in M.VARIABLES
                                            if v in workflow.variables.objectIds()])
    for agency in (portal["sttt"], portal["ubndcb"]):
        agency.manage_delLocalRoles([f"{agency.getId()}-deputies"])
        api.group.delete(groupname=f"{agency.getId()}-deputies")
    portal.__ac_roles__ = tuple(r for r in portal.__ac_roles__ if r != "DeputyLeader")


def test_1037_gives_the_workflows_their_meanings_keeping_site_managers_values(portal):
    """A 1036 site whose workflows say nothing of their states' meanings,
    one agency running a copy of the incoming workflow (made in the ZMI,
    before 1037, with a state of its own), and a value a site manager set
    on a shipped state. After the step every state of the shipped
    workflows and the copy's shipped states have their values, the site
    manager's value and the copy's own state are left as they were, the
    deputies' groups and role exist, and "Việc của tôi" finds the copy's
    documents."""
    from domain_fixtures import incoming
    from plone.app.testing import login
    from qlvbdh_policy.agencies.workflow_policies import switch_policy
    from qlvbdh_policy.routing import my_work
    from qlvbdh_policy.routing import steps
    from qlvbdh_policy.rules import state_meanings as M
    from qlvbdh_policy.upgrades import v1037
    from qlvbdh_policy.workflows import meanings
    from routing_fixtures import make_province

    a, b = make_province(portal)
    wftool = api.portal.get_tool("portal_workflow")
    ptool = api.portal.get_tool("portal_placeful_workflow")
    with api.env.adopt_roles(["Manager"]):
        _as_before_1037(portal, wftool)
        pasted = wftool.manage_pasteObjects(wftool.manage_copyObjects(
            ["qlvbdh_incoming_workflow"]))
        copy = wftool[pasted[0]["new_id"]]
        copy.states.addState("own_state")
        pasted = ptool.manage_pasteObjects(ptool.manage_copyObjects(["qlvbdh_standard"]))
        ptool[pasted[0]["new_id"]].setChain("IncomingDocument", (copy.getId(),))
        switch_policy(b, pasted[0]["new_id"])
        shipped = wftool["qlvbdh_incoming_workflow"]
        shipped.variables.addVariable("waiting_for")
        shipped.states["filed"].addVariable("waiting_for", "group:archivists")
    login(portal, "vtb")
    doc = incoming(b["den-2026"], code_number="77", title="Công văn 77")
    steps.simple_step(doc, "submit")
    meanings.forget()
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1036")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    for wf_id in v1037.SHIPPED:
        workflow = wftool[wf_id]
        assert set(M.VARIABLES) <= set(workflow.variables.objectIds())
        # made by the step: never stored per document (the site manager's own kept)
        assert not any(workflow.variables[v].for_status for v in M.VARIABLES
                       if wf_id != "qlvbdh_incoming_workflow" or v != "waiting_for")
        for state in workflow.states.objectValues():
            assert set(state.var_values) == set(M.VARIABLES), (wf_id, state.getId())
    assert shipped.states["filed"].var_values["waiting_for"] == "group:archivists"
    assert shipped.states["filed"].var_values["phase"] == "done"
    assert wftool["qlvbdh_incoming_simple_workflow"].states["registered"].var_values[
        "task"] == "assign"
    assert copy.states["submitted"].var_values["waiting_for"] == "leader"
    assert not copy.states["own_state"].var_values
    assert "DeputyLeader" in portal.validRoles()
    for agency in (a, b):
        gid = f"{agency.getId()}-deputies"
        assert agency.get_local_roles_for_userid(gid) == ("DeputyLeader",)
    login(portal, "ldb")
    assert {i["uid"]: i["task"] for i in my_work.items_for(api.user.get_current())} == {
        doc.UID(): "assign"}
    v1037.add_meanings(setup)  # twice: nothing doubled, nothing broken
    assert shipped.states["filed"].var_values["waiting_for"] == "group:archivists"


def test_1038_adds_the_workflow_check_tab_alone(portal):
    """Only the tab: an action a site manager changed stays as it is."""
    actions = api.portal.get_tool("portal_actions").object
    actions.manage_delObjects(["workflow_check"])
    actions.agency_changes.visible = False  # a site manager hid it
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1037")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    tab = actions.workflow_check
    assert tab.url_expr == "string:${object_url}/@@kiem-tra-quy-trinh"
    assert tab.permissions == ("Manage portal",) and tab.visible
    assert tab.i18n_domain == "qlvbdh_policy" and tab.title == "Workflow check"
    assert actions.agency_changes.visible is False


def test_1039_registers_the_workflow_check_configlet_alone(portal):
    """Site Setup's entry "Kiểm tra quy trình"; an entry a site manager hid
    stays hidden."""
    controlpanel = api.portal.get_tool("portal_controlpanel")
    controlpanel.unregisterConfiglet("qlvbdh-workflow-check")
    hidden = next(a for a in controlpanel.listActions() if a.getId() == "qlvbdh-trust-roots")
    hidden.visible = False  # a site manager hid it
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1038")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    entries = {a.getId(): a for a in controlpanel.listActions()}
    entry = entries["qlvbdh-workflow-check"]
    assert entry.getActionExpression() == "string:${portal_url}/@@kiem-tra-quy-trinh"
    assert entry.title == "Workflow check" and entry.getCategory() == "plone-content"
    assert entry.permissions == ("Manage portal",) and entry.visible
    assert entries["qlvbdh-trust-roots"].visible is False
    with api.env.adopt_roles(["Manager"]):
        shown = [c for c in controlpanel.enumConfiglets(group="plone-content")
                 if c["id"] == "qlvbdh-workflow-check"]
    assert shown and shown[0]["url"].endswith("/@@kiem-tra-quy-trinh")
    setup.upgradeProfile(PROFILE)  # again: nothing doubled
    assert [a.getId() for a in controlpanel.listActions()].count("qlvbdh-workflow-check") == 1
