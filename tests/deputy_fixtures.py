"""A workflow a site manager makes in the ZMI (issue 22): a copy of the
incoming workflow with "Chờ phó giám đốc cho ý kiến" between "Trình lãnh
đạo" and "Đã phân công", a policy using it, and a deputy leader. Made
through the methods the ZMI's forms call (copy and paste, addState,
setProperties, setPermission, addVariable, setGuard …)."""

from plone import api
from qlvbdh_policy.workflows import meanings

SOURCE_WF = "qlvbdh_incoming_workflow"
DEPUTY_WF = "qlvbdh_incoming_deputy_workflow"
DEPUTY_POLICY = "qlvbdh_deputy"
STATE = "deputy_opinion"
STATE_TITLE = "Chờ phó giám đốc cho ý kiến"
DEPUTY = "pgda"  # a deputy leader of sttt, not one of its leaders
DEPUTY_VALUES = {"waiting_for": "group:deputies", "task": "opinion", "phase": "in_hand",
                 "in_book": "True", "counts_overdue": "True"}


def _copy(container, source, new_id):
    """Copy and paste, then rename, as the ZMI's buttons do."""
    pasted = container.manage_pasteObjects(container.manage_copyObjects([source]))
    container.manage_renameObject(pasted[0]["new_id"], new_id)
    return container[new_id]


def guard_props(permissions=(), roles=()):
    """The guard fields of the ZMI transition form (";"-separated)."""
    return {"guard_permissions": ";".join(permissions), "guard_roles": ";".join(roles),
            "guard_groups": "", "guard_expr": ""}


def make_deputy_workflow(values=None):
    """The copy with its new state and three steps: the leader asks the
    deputy (``ask_deputy``), the deputy gives his opinion back to the
    leader (``give_opinion``) or — a step the site manager should not have
    added — sends it straight to "Đã phân công" (``deputy_assign``)."""
    wftool = api.portal.get_tool("portal_workflow")
    with api.env.adopt_roles(["Manager"]):
        workflow = _copy(wftool, SOURCE_WF, DEPUTY_WF)
        workflow.title = "Văn bản đến: có phó giám đốc cho ý kiến"
        workflow.states.addState(STATE)
        state = workflow.states[STATE]
        state.setProperties(title=STATE_TITLE, transitions=("give_opinion", "deputy_assign",
                                                            "recall"))
        submitted = workflow.states["submitted"]
        for permission in workflow.permissions:
            info = submitted.getPermissionInfo(permission)
            roles = list(info["roles"])
            if permission in ("View", "Access contents information"):
                roles.append("DeputyLeader")
            state.setPermission(permission, info["acquired"], roles)
        for name, value in (values or DEPUTY_VALUES).items():
            state.addVariable(name, value)
        for tid, title, new_state, guard in (
                ("ask_deputy", "Xin ý kiến phó giám đốc", STATE,
                 guard_props(permissions=["qlvbdh_policy: Assign document"])),
                ("give_opinion", "Cho ý kiến", "submitted", guard_props(roles=["DeputyLeader"])),
                ("deputy_assign", "Chuyển thẳng sang đã phân công", "assigned",
                 guard_props(roles=["DeputyLeader"]))):
            workflow.transitions.addTransition(tid)
            workflow.transitions[tid].setProperties(
                title=title, new_state_id=new_state, actbox_name=title,
                actbox_url=f"%(content_url)s/@@step?transition={tid}", actbox_category="workflow",
                props=guard)
        submitted.transitions = tuple(submitted.transitions) + ("ask_deputy",)
        ptool = api.portal.get_tool("portal_placeful_workflow")
        policy = _copy(ptool, "qlvbdh_standard", DEPUTY_POLICY)
        policy.title = "Cơ quan: phó giám đốc cho ý kiến"
        policy.setChain("IncomingDocument", (DEPUTY_WF,))
    meanings.forget()
    return workflow


def make_deputy(portal, userid=DEPUTY, abbr="sttt"):
    with api.env.adopt_roles(["Manager"]):
        if api.user.get(userid=userid) is None:
            api.user.create(email=f"{userid}@example.vn", username=userid,
                            password="secret-2026-routing",
                            properties={"fullname": "Phạm Phó Giám Đốc"})
        api.group.add_user(groupname=f"{abbr}-deputies", username=userid)
        api.group.add_user(groupname=f"{abbr}-staff", username=userid)
