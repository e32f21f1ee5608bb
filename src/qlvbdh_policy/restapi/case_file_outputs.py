"""REST services of the file plan's import and copy and of the case
files' outputs (issue 19; NĐ 30/2020 Phụ lục V, Phụ lục VI III.4.a, III.4.g,
V.5, V.6). Each calls the feature function of ``casefiles/``; refusals
answer in the project's envelope.

POST <agency>/@file-plan-import     {year, filename, data (base64 of an XLSX or CSV)}
POST <agency>/@file-plan-copy       {year, from_year?} last year's plan into a new year
GET  <agency>/@case-files?year=YYYY mục lục hồ sơ (V.6); &format=pdf|xlsx for the file
GET  <case file>/@export            the full export (III.4.g): ZIP of PDF + XML
(``GET <case file>/@toc?format=pdf|xlsx`` is ``case_file_services.TocGet``.)
"""

from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from qlvbdh_policy.casefiles import exports
from qlvbdh_policy.casefiles import full_export
from qlvbdh_policy.casefiles import plan_copy
from qlvbdh_policy.casefiles import plan_import
from qlvbdh_policy.casefiles import plans
from qlvbdh_policy.restapi.case_file_services import _write
from qlvbdh_policy.rules.request_body import TEXT
from qlvbdh_policy.rules.request_body import YEAR

import base64
import binascii


def _plan_answer(plan, added):
    info = plans.plan_info(plan)
    info["added"] = [entry.UID() for entry in added]
    return info


class FilePlanImportPost(Service):
    def reply(self):
        data = _write(self.request, {"year": YEAR, "filename": TEXT, "data": TEXT})
        try:
            content = base64.b64decode(data.get("data") or "", validate=True)
        except (binascii.Error, ValueError):
            content = b""
        plan, added = plan_import.import_plan(self.context, data.get("year"),
                                              data.get("filename") or "", content, self.request)
        return json_compatible(_plan_answer(plan, added))


class FilePlanCopyPost(Service):
    def reply(self):
        data = _write(self.request, {"year": YEAR, "from_year": YEAR})
        plan, added, cleared = plan_copy.copy_plan(self.context, data.get("year"),
                                                   data.get("from_year"))
        self.request.response.setStatus(201)
        return json_compatible(dict(_plan_answer(plan, added), cleared=cleared))


class CaseFilesGet(Service):
    """Mục lục hồ sơ of a year: JSON, or the PDF / XLSX file."""

    def items(self):
        exports.check_may_list(self.context)
        year = plans.read_year(self.request.form.get("year", ""))
        return year, [exports.case_file_item(c)
                      for c in exports.case_files_of_year(self.context, year)]

    def render(self):
        extension = exports.read_format(self.request.form.get("format"))
        if extension is None:
            return super().render()
        self.check_permission()
        agency = self.context
        year, items = self.items()
        make = exports.list_pdf if extension == "pdf" else exports.list_xlsx
        return exports.send(self.request.response, extension,
                            make(agency, year, items, self.request),
                            exports.list_filename(agency, year, extension))

    def reply(self):
        year, items = self.items()
        agency = self.context
        return json_compatible({
            "@id": f"{agency.absolute_url()}/@case-files?year={year}", "year": year,
            "agency": {"id": agency.getId(), "title": agency.title}, "items": items})


class CaseFileExportGet(Service):
    """The case file's documents, files and metadata: one ZIP."""

    def render(self):
        self.check_permission()
        return full_export.send_export(self.context, self.request)
