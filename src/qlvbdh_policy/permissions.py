"""The add-on's permissions by title, as code checks them (``roles.zcml``
declares them; ``profiles/default/rolemap.xml`` and the workflows give them
to roles). One constant each, so a check cannot misspell one."""

from Products.CMFCore.permissions import ModifyPortalContent  # noqa: F401
from Products.CMFCore.permissions import View  # noqa: F401
from Products.CMFEditions.Permissions import AccessPreviousVersions  # noqa: F401

AddIncomingDocument = "qlvbdh_policy: Add incoming document"
AddOutgoingDocument = "qlvbdh_policy: Add outgoing document"
DelegateRoutingRoles = "qlvbdh_policy: Delegate routing roles"
DelegateDocumentRoles = "qlvbdh_policy: Delegate document roles"
ViewStatistics = "qlvbdh_policy: View statistics"
ViewProcessingReports = "qlvbdh_policy: View processing reports"
ManageAgencyAccounts = "qlvbdh_policy: Manage agency accounts"
ExportAgency = "qlvbdh_policy: Export agency data"
ReadAccessLog = "qlvbdh_policy: Read access log"
ConfirmAccessChanges = "qlvbdh_policy: Confirm access changes"
AddFilePlan = "qlvbdh_policy: Add file plan"
AddCaseFile = "qlvbdh_policy: Add case file"
AddWorkCalendarEntry = "qlvbdh_policy: Add work calendar entry"
PublishWorkCalendar = "qlvbdh_policy: Publish work calendar"
AcceptDocument = "qlvbdh_policy: Accept document"
AssignDocument = "qlvbdh_policy: Assign document"
AssignDocumentDirectly = "qlvbdh_policy: Assign document directly"
RecallDeliveredCopy = "qlvbdh_policy: Recall delivered copy"
ArchiveOutgoingDocument = "qlvbdh_policy: Archive outgoing document"
CloseRegister = "qlvbdh_policy: Close register"
FileDocument = "qlvbdh_policy: File document"
HandleDocument = "qlvbdh_policy: Handle document"
IssueDocument = "qlvbdh_policy: Issue document"
RecallDocument = "qlvbdh_policy: Recall document"
ReopenDocument = "qlvbdh_policy: Reopen document"
ReviewDraft = "qlvbdh_policy: Review draft"
SendBackDocument = "qlvbdh_policy: Send back document"
SignDocument = "qlvbdh_policy: Sign document"
SubmitDocument = "qlvbdh_policy: Submit document"
SubmitDraft = "qlvbdh_policy: Submit draft"
SendOverdueReminders = "qlvbdh_policy: Send overdue reminders"
