"""REST services of the hand-over of case files to the agency's archive
(issue 19, NĐ 30/2020 Điều 30). Each calls ``casefiles/handover.py``;
refusals answer in the one envelope: 400 naming the field (``reason``,
``year``, ``format``), 401 without credentials, 403 for someone who may
not, 409 for a case file in another state.

POST <case file>/@hand-over            nộp lưu: the person responsible
POST <case file>/@accept-hand-over     the archivist accepts it
POST <case file>/@return-hand-over     {reason} the archivist returns it
GET  <agency>/@hand-over?year=YYYY     the case files due that year;
     &format=pdf|xlsx                  the hand-over record (biên bản giao
                                       nhận, mục lục hồ sơ nộp lưu)
"""

from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import handover
from qlvbdh_policy.casefiles import handover_record
from qlvbdh_policy.exports import report_pdf
from qlvbdh_policy.exports import xlsx
from qlvbdh_policy.restapi.case_file_services import _write
from qlvbdh_policy.rules.request_body import TEXT
from urllib.parse import urlencode


class HandOverStep(Service):
    fields = {}

    def reply(self):
        data = _write(self.request, self.fields)
        self.step(data)
        info = filing.info(self.context)
        info["hand_over"] = handover.hand_over_info(self.context)
        return json_compatible(info)


class HandOverPost(HandOverStep):
    def step(self, data):
        handover.hand_over(self.context)


class AcceptHandOverPost(HandOverStep):
    def step(self, data):
        handover.accept(self.context)


class ReturnHandOverPost(HandOverStep):
    fields = {"reason": TEXT}

    def step(self, data):
        handover.return_hand_over(self.context, data.get("reason"))


class HandOverListGet(Service):
    """The list as JSON; ``format=pdf|xlsx`` the record as a download."""

    def _read(self):
        handover.check_may_read_list(self.context)
        fmt = handover.read_format(self.request.form)
        year = handover.read_list_year(self.request.form)
        return fmt, year

    def render(self):
        fmt, year = self._read()
        if fmt == "json":
            return super().render()
        record = handover_record.HandOverRecord(
            self.context, year, handover.given(handover.due_list(self.context, year)),
            handover.archivist_names(self.context), self.request)
        if fmt == "pdf":
            return report_pdf.send(self.request.response, record.pdf(), record.filename("pdf"))
        return xlsx.send(self.request.response, record.xlsx(), record.filename("xlsx"))

    def reply(self):
        _fmt, year = self._read()
        url = f"{self.context.absolute_url()}/@hand-over?{urlencode({'year': year})}"
        return json_compatible({
            "@id": url, "agency": self.context.absolute_url(), "year": year,
            "items": handover.due_list(self.context, year),
            "pdf": f"{url}&format=pdf", "xlsx": f"{url}&format=xlsx",
        })
