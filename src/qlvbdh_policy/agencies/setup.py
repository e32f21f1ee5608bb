"""What an agency gets once, when it is created: its groups holding the
agency-wide roles, its inbox of delivered documents, and its workflow
policy. Done once, so no later step reindexes the agency's security.

Groups: <abbr>-clerks (Clerk), <abbr>-leaders (Leader), <abbr>-admins
(AgencyAdmin), <abbr>-staff (Staff), <abbr>-archivists (Archivist); per department <abbr>-<dept> (a
member of <abbr>-staff) and <abbr>-<dept>-heads (a member of <abbr>-<dept>),
whom routing asks to review drafts and to forward assigned documents.
"""

from plone import api
from Products.CMFPlacefulWorkflow.PlacefulWorkflowTool import WorkflowPolicyConfig_id
from qlvbdh_policy import roles as R
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.content.inbox import INBOX_ID
from qlvbdh_policy.content.work_calendar import CALENDAR_ID
from qlvbdh_policy.content.work_calendar import CALENDAR_TITLE
from qlvbdh_policy.rules.group_names import department_group_ids
from qlvbdh_policy.rules.group_names import group_id
from qlvbdh_policy.stats import access_log

STANDARD_POLICY = "qlvbdh_standard"

AGENCY_GROUPS = (
    ("clerks", R.CLERK, "Văn thư"),
    ("leaders", R.LEADER, "Lãnh đạo"),
    ("admins", R.AGENCY_ADMIN, "Quản trị"),
    ("staff", R.STAFF, "Cán bộ, công chức"),
    # the archive unit (NĐ 30/2020 Điều 30): its members are also staff,
    # clerks … of the agency; the group adds the duty, not a kind
    ("archivists", R.ARCHIVIST, "Lưu trữ viên cơ quan"),
    # deputies asked for an opinion before the head directs, when a state
    # added to the agency's workflow waits for them (issue 22)
    ("deputies", R.DEPUTY_LEADER, "Phó lãnh đạo cho ý kiến"),
)
OVERSIGHT_GROUP = "province-oversight"


def ensure_group(groupid, title, roles=()):
    group = api.group.get(groupname=groupid)
    if group is None:
        group = api.group.create(groupname=groupid, title=title, roles=list(roles))
    return group


def add_to_group(groupid, principal):
    """Part of the agency's or department's creation: not a change of
    anyone's access, so not in the access log one by one."""
    with access_log.logged_by_caller():
        api.portal.get_tool("portal_groups").addPrincipalToGroup(principal, groupid)


def agency_group_titles(agency):
    """{group id: title} of the agency's own groups (not its departments')."""
    return {group_id(agency.getId(), suffix): f"{label} – {agency.title}"
            for suffix, _role, label in AGENCY_GROUPS}


def department_group_titles(department):
    """{group id: title} of a department's members and heads."""
    agency = department.aq_parent
    members, heads = department_group_ids(agency.getId(), department.getId())
    return {members: f"{department.title} – {agency.title}",
            heads: f"Lãnh đạo {department.title} – {agency.title}"}


def ensure_agency_groups(agency):
    titles = agency_group_titles(agency)
    for suffix, role, _label in AGENCY_GROUPS:
        gid = group_id(agency.getId(), suffix)
        ensure_group(gid, titles[gid])
        if role not in agency.get_local_roles_for_userid(gid):
            agency.manage_addLocalRoles(gid, [role])


def ensure_department_groups(department):
    abbr = department.aq_parent.getId()
    for gid, title in department_group_titles(department).items():
        ensure_group(gid, title)
    members, heads = department_group_ids(abbr, department.getId())
    add_to_group(group_id(abbr, "staff"), members)
    add_to_group(members, heads)


def retitle_groups(agency):
    """The groups' titles follow the agency's and departments' names."""
    titles = agency_group_titles(agency)
    for department in children(agency, "Department"):
        titles.update(department_group_titles(department))
    gtool = api.portal.get_tool("portal_groups")
    for gid, title in titles.items():
        group = gtool.getGroupById(gid)
        if group is not None and group.getProperty("title") != title:
            gtool.editGroup(gid, title=title)


def ensure_inbox(agency):
    if INBOX_ID not in agency.objectIds():
        with api.env.adopt_roles(["Manager"]):
            api.content.create(
                container=agency, type="Inbox", id=INBOX_ID,
                title="Văn bản chờ tiếp nhận",
            )
    return agency[INBOX_ID]


def ensure_work_calendar(agency):
    """The agency's work calendar (lịch công tác), ``<agency>/lich-cong-tac``."""
    if CALENDAR_ID not in agency.objectIds():
        with api.env.adopt_roles(["Manager"]):
            api.content.create(container=agency, type="WorkCalendar", id=CALENDAR_ID,
                               title=CALENDAR_TITLE)
    return agency[CALENDAR_ID]


def policy_config(agency, create=False):
    config = getattr(agency.aq_base, WorkflowPolicyConfig_id, None)
    if config is None and create:
        agency.manage_addProduct["CMFPlacefulWorkflow"].manage_addWorkflowPolicyConfig()
        config = getattr(agency.aq_base, WorkflowPolicyConfig_id)
    return config.__of__(agency) if config is not None else None


def ensure_policy(agency, policy=STANDARD_POLICY):
    config = policy_config(agency, create=True)
    if not config.getPolicyBelowId():
        config.setPolicyIn(policy)
        config.setPolicyBelow(policy)


def set_up_agency(agency):
    ensure_policy(agency)
    ensure_agency_groups(agency)
    ensure_inbox(agency)
    ensure_work_calendar(agency)
    for department in children(agency, "Department"):
        ensure_department_groups(department)


def ensure_oversight_group():
    ensure_group(OVERSIGHT_GROUP, "Giám sát cấp tỉnh", roles=[R.OVERSIGHT])


def on_agency_added(agency, event):
    set_up_agency(agency)


def on_department_added(department, event):
    ensure_department_groups(department)


def on_department_modified(department, event):
    retitle_groups(department.aq_parent)
