"""Pages of the file plan and the case files' outputs (issue 19), thin over
``casefiles/``: the office's page of the plan (@@file-plan on an agency:
its entries with Plone's own add and edit forms, the import of a sheet,
the copy of last year's plan), the list of the case files of a year
(@@case-files, V.6) and the downloads of a case file (its mục lục as PDF
or XLSX, V.5; its full export, III.4.g)."""

from plone import api
from Products.CMFCore.permissions import AddPortalContent
from Products.CMFCore.permissions import ModifyPortalContent
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.browser.action_pages import ActionPage
from qlvbdh_policy.casefiles import exports
from qlvbdh_policy.casefiles import full_export
from qlvbdh_policy.casefiles import plan_copy
from qlvbdh_policy.casefiles import plan_import
from qlvbdh_policy.casefiles import plans
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vocabularies.case_file_vocabularies import RETENTION_TITLES

MSG_IMPORTED = _("${count} entries added to the file plan of ${year}.")
MSG_COPIED = _("${count} entries copied from the file plan of ${from_year}.")
MSG_CLEARED = _("Entry ${code}: the ${field} “${value}” no longer exists and was left empty.")
FIELD_TITLES = dict(plan_import.COLUMN_TITLES, year=_("Year"), from_year=_("Copied from"),
                    entries=_("Entries"), format=_("Format"))


def _year(request):
    try:
        return plans.read_year(request.form.get("year") or vietnam_today().year)
    except plans.PlanRefused:
        return vietnam_today().year


def _name(userid):
    return exports._person(userid) if userid else ""


class FilePlanView(ActionPage):
    """The plan of a year (``?year=``, this year by default)."""

    index = ViewPageTemplateFile("templates/file_plan.pt")
    field_titles = FIELD_TITLES

    def year(self):
        return _year(self.request)

    def act(self, action):
        form, agency, year = self.request.form, self.context, self.year()
        if action == "import":
            upload = form.get("sheet")
            plan, added = plan_import.import_plan(
                agency, year, getattr(upload, "filename", ""),
                upload.read() if upload else b"", self.request)
            self.say(_(MSG_IMPORTED, mapping={"count": len(added), "year": year}))
        elif action == "copy":
            from_year = form.get("from_year") or year - 1
            plan, added, cleared = plan_copy.copy_plan(agency, year, from_year)
            self.say(_(MSG_COPIED, mapping={"count": len(added), "from_year": from_year}))
            for item in cleared:
                self.say(_(MSG_CLEARED, mapping={
                    "code": item["code"], "value": item["value"],
                    "field": self.tr(FIELD_TITLES[item["field"]])}))
        return None

    def plan(self):
        plan = plans.plan_of(self.context, self.year())
        if plan is None or not api.user.has_permission("View", obj=plan):
            return None
        return plan

    def years(self):
        return sorted({p.year for p in children(self.context, "FilePlan")} | {self.year()})

    def may_keep(self):
        plan = plans.plan_of(self.context, self.year())
        try:
            plans.check_may_keep(self.context, plan)
        except plans.PlanForbidden:
            return False
        return True

    def entries(self):
        plan = self.plan()
        if plan is None:
            return []
        departments = {d.UID(): d.title for d in children(self.context, "Department")}
        rows = []
        for entry in plans.entries(plan):
            retention = RETENTION_TITLES.get(entry.retention)
            rows.append({
                "code": entry.code, "title": entry.title, "notes": entry.notes or "",
                "retention": self.tr(retention) if retention else entry.retention,
                "department": departments.get(entry.department, ""),
                "responsible": _name(entry.responsible),
                "edit": f"{entry.absolute_url()}/@@edit" if api.user.has_permission(
                    ModifyPortalContent, obj=entry) else None})
        return rows

    def add_url(self):
        plan = self.plan()
        if plan is not None and api.user.has_permission(AddPortalContent, obj=plan):
            return f"{plan.absolute_url()}/++add++FilePlanEntry"
        return None


class CaseFilesView(BrowserView):
    """Mục lục hồ sơ of a year (V.6); ``?format=pdf|xlsx`` the file."""

    index = ViewPageTemplateFile("templates/case_files_list.pt")

    def __call__(self):
        exports.check_may_list(self.context)
        extension = exports.read_format(self.request.form.get("format"))
        if extension is None:
            return self.index()
        year, agency = self.year(), self.context
        make = exports.list_pdf if extension == "pdf" else exports.list_xlsx
        return exports.send(self.request.response, extension,
                            make(agency, year, self.items(), self.request),
                            exports.list_filename(agency, year, extension))

    def year(self):
        return _year(self.request)

    def items(self):
        return [exports.case_file_item(c)
                for c in exports.case_files_of_year(self.context, self.year())]

    def rows(self):
        rows = exports.list_rows(self.items(), self.request)
        return [dict(zip(("number", "file_code", "code", "title", "opened", "closed",
                          "documents", "pages", "retention", "responsible", "notes"), row),
                     url=item["@id"]) for row, item in zip(rows, self.items())]

    def headers(self):
        return [exports._tr(h, self.request) for h in exports.LIST_HEADERS]


class CaseFileTocFile(BrowserView):
    """The case file's mục lục as PDF (``?format=pdf``) or XLSX."""

    def __call__(self):
        extension = exports.read_format(self.request.form.get("format")) or "pdf"
        make = exports.toc_pdf if extension == "pdf" else exports.toc_xlsx
        return exports.send(self.request.response, extension, make(self.context, self.request),
                            exports.toc_filename(self.context, extension))


class CaseFileExport(BrowserView):
    def __call__(self):
        return full_export.send_export(self.context, self.request)
