"""The roles of the system and what each is called on the Sharing tab.

Agency-wide roles (Clerk, Leader, Staff, AgencyAdmin) are held by the
agency's groups on the agency folder; routing roles (Handler, CoHandler,
Informed, DepartmentHead) are granted on single documents; Oversight is a
province-wide global role that reads statistics, never document contents.
"""

from plone.app.workflow.interfaces import ISharingPageRole
from qlvbdh_policy import _
from zope.interface import implementer

CLERK = "Clerk"
LEADER = "Leader"
STAFF = "Staff"
AGENCY_ADMIN = "AgencyAdmin"
DEPARTMENT_HEAD = "DepartmentHead"
HANDLER = "Handler"
CO_HANDLER = "CoHandler"
INFORMED = "Informed"
OVERSIGHT = "Oversight"

DELEGATE_PERMISSION = "qlvbdh_policy: Delegate routing roles"

TITLES = {
    CLERK: _("Clerk"),
    LEADER: _("Leader"),
    STAFF: _("Staff"),
    AGENCY_ADMIN: _("Agency Admin"),
    DEPARTMENT_HEAD: _("Department head"),
    HANDLER: _("Handler"),
    CO_HANDLER: _("Co-handler"),
    INFORMED: _("Informed"),
    OVERSIGHT: _("Oversight"),
}


@implementer(ISharingPageRole)
class SharingRole:
    required_permission = DELEGATE_PERMISSION
    required_interface = None

    def __init__(self, role):
        self.title = TITLES[role]


def sharing_role(role):
    return lambda: SharingRole(role)


Clerk = sharing_role(CLERK)
Leader = sharing_role(LEADER)
Staff = sharing_role(STAFF)
AgencyAdmin = sharing_role(AGENCY_ADMIN)
DepartmentHead = sharing_role(DEPARTMENT_HEAD)
Handler = sharing_role(HANDLER)
CoHandler = sharing_role(CO_HANDLER)
Informed = sharing_role(INFORMED)
Oversight = sharing_role(OVERSIGHT)
