"""A case file's page: its data and the mục lục văn bản trong hồ sơ
(NĐ 30/2020 Phụ lục VI V.5), from ``casefiles.filing`` (thin)."""

from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.vocabularies.case_file_vocabularies import RETENTION_TITLES


class CaseFileView(BrowserView):
    index = ViewPageTemplateFile("templates/case_file.pt")

    def __call__(self):
        return self.index()

    def info(self):
        info = filing.info(self.context)
        responsible = api.user.get(userid=info["responsible"] or "")
        info["responsible_name"] = (responsible.getProperty("fullname") if responsible
                                    else info["responsible"]) or ""
        info["retention_title"] = RETENTION_TITLES.get(info["retention"], info["retention"])
        for key in ("opened", "closed", "retention_end"):
            info[key] = format_date(info[key])
        for row in info["documents"]:
            row["doc_date"] = format_date(row.get("doc_date"))
        return info

    def can_close(self):
        return filing.is_open(self.context) and filing.may_keep(self.context)
