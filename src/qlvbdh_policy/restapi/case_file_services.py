"""REST services of the file plan and the case files (issue 19). Each calls
the feature function of ``casefiles/``; refusals answer in the one envelope
(``refusal_errors``): 400 naming the field, 403 for someone who may not,
404 for a year without a plan, 409 for a closed case file (IV.1.g).

POST <agency>                      a CaseFile (or FilePlan) as plone.restapi adds content
GET  <agency>/@file-plan?year=YYYY the plan of the year and its entries
POST <agency>/@file-plan           {year, title, entries: [{code, title, retention,
                                    department, responsible, notes}]} (the office)
POST <case file>/@file-documents   {documents: [UID, …]} put in, at the end, in order
POST <case file>/@unfile-documents {documents: [UID, …]} taken out (open case files only)
POST <case file>/@close            {closed, page_count, notes} kết thúc hồ sơ
GET  <case file>/@toc              mục lục văn bản trong hồ sơ (Phụ lục VI V.5);
                                   ?format=pdf|xlsx the file (casefiles/exports.py)
"""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from plone.restapi.services.content.add import FolderPost
from qlvbdh_policy.casefiles import exports
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import plans
from qlvbdh_policy.restapi.body import json_object
from qlvbdh_policy.rules.request_body import COUNT
from qlvbdh_policy.rules.request_body import TEXT
from qlvbdh_policy.rules.request_body import TEXTS
from qlvbdh_policy.rules.request_body import YEAR
from zope.interface import alsoProvides


class AgencyPost(FolderPost):
    """plone.restapi's add, open to the agency's people: stock POST asks
    for “Add portal content” on the agency, which only site managers hold
    there (an agency's departments and registers are theirs to add). Each
    type's own add permission still decides (``isConstructionAllowed``):
    anyone of the agency opens a case file, the office adds a file plan."""


def _write(request, kinds):
    # a JSON API call carries no form authenticator; like plone.restapi's
    # own write services it is no CSRF target (RoutingPost says why)
    alsoProvides(request, IDisableCSRFProtection)
    return json_object(request, kinds)


class FilePlanGet(Service):
    def reply(self):
        year = plans.read_year(self.request.form.get("year", ""))
        return json_compatible(plans.plan_info(plans.get_plan(self.context, year)))


class FilePlanPost(Service):
    def reply(self):
        data = _write(self.request, {"year": YEAR, "title": TEXT})
        plan, added = plans.keep_plan(self.context, data.get("year"), data.get("entries"),
                                      data.get("title"))
        info = plans.plan_info(plan)
        info["added"] = [entry.UID() for entry in added]
        return json_compatible(info)


class CaseFilePost(Service):
    fields = {"documents": TEXTS}

    def reply(self):
        data = _write(self.request, self.fields)
        self.step(data)
        return json_compatible(filing.info(self.context))


class FileDocumentsPost(CaseFilePost):
    def step(self, data):
        filing.add_documents(self.context, data.get("documents"))


class UnfileDocumentsPost(CaseFilePost):
    def step(self, data):
        filing.remove_documents(self.context, data.get("documents"))


class ClosePost(CaseFilePost):
    fields = {"closed": TEXT, "page_count": COUNT, "notes": TEXT}

    def step(self, data):
        filing.close(self.context, data.get("closed"), data.get("page_count"),
                     data.get("notes"))


class TocGet(Service):
    def render(self):
        extension = exports.read_format(self.request.form.get("format"))
        if extension is None:
            return super().render()
        self.check_permission()
        make = exports.toc_pdf if extension == "pdf" else exports.toc_xlsx
        return exports.send(self.request.response, extension, make(self.context, self.request),
                            exports.toc_filename(self.context, extension))

    def reply(self):
        case_file = self.context
        return json_compatible({
            "@id": f"{case_file.absolute_url()}/@toc", "case_file": case_file.absolute_url(),
            "code": case_file.code, "title": case_file.title,
            "review_state": filing.info(case_file)["review_state"],
            "items": filing.toc(case_file),
        })
