"""The roles of the system and what each is called on the Sharing tab.

Agency-wide roles (Clerk, Leader, Staff, AgencyAdmin) are held by the
agency's groups on the agency folder; routing roles (Handler, CoHandler,
Informed, DepartmentHead) and the archive's ArchiveReader are granted on
single documents; Oversight is a
province-wide global role that reads statistics, never document contents.

On the Sharing tab a role is offered only to users holding its
``required_permission`` (plone.app.workflow's ``ISharingPageRole``): the
roles that open documents and Oversight need ``DELEGATE_DOCUMENT_PERMISSION``
(site managers); an agency admin may give Staff and AgencyAdmin
(``DELEGATE_PERMISSION``, his on his agency). Why: ``rules/sharing.py``.
"""

from plone.app.workflow.interfaces import ISharingPageRole
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.rules.sharing import SITE_MANAGER_ROLES
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
# the agency's archive unit (Lưu trữ cơ quan, NĐ 30/2020 Điều 30): receives
# the case files handed over, reads them once they are its own
ARCHIVIST = "Archivist"
# the archive's read of the documents of a case file handed over to it or
# accepted (casefiles/archive_access.py): granted on those documents only,
# with its cause; the document workflows give it View and Access contents
# information in every state, nothing else. Not on the Sharing tab.
ARCHIVE_READER = "ArchiveReader"
# a deputy leader (phó giám đốc …) asked for an opinion before the head
# directs (issue 22): held by the agency's group <abbr>-deputies on the
# agency; the shipped workflows give it nothing, a state a site manager adds
# ("Chờ phó giám đốc cho ý kiến") waits for it (waiting_for =
# role:DeputyLeader or group:deputies) and gives it what it needs there.
# Not on the Sharing tab: the group carries it.
DEPUTY_LEADER = "DeputyLeader"

# the roles that open no document (the permission's title is older than
# this rule: it stays, a rename would need a migration of every site)
DELEGATE_PERMISSION = permissions.DelegateRoutingRoles
DELEGATE_DOCUMENT_PERMISSION = permissions.DelegateDocumentRoles

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
    ARCHIVIST: _("Archivist"),
}


@implementer(ISharingPageRole)
class SharingRole:
    required_interface = None

    def __init__(self, role):
        self.title = TITLES[role]
        self.required_permission = (DELEGATE_DOCUMENT_PERMISSION if role in SITE_MANAGER_ROLES
                                    else DELEGATE_PERMISSION)


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
Archivist = sharing_role(ARCHIVIST)
