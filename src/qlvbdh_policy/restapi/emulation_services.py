"""``GET <site>/@emulation?year=YYYY`` (Quy chế Điều 12, issue 18): each
agency's yearly emulation score, rank and the figures that produced them,
for the province's oversight and site managers (the usage report's
readers); ``format=xlsx`` answers the same as an XLSX sheet. Counts only.
Refusals in the one envelope: 400 naming ``year`` or ``format``, 401
without credentials, 403 to others, 409 when the stored weights cannot be
read."""

from plone.restapi.services import Service
from qlvbdh_policy.exports import xlsx
from qlvbdh_policy.stats import emulation
from qlvbdh_policy.stats import usage
from urllib.parse import urlencode


class EmulationGet(Service):
    def render(self):
        if self.request.form.get("format") == "xlsx":
            usage.check_read(self.context)
            report = emulation.emulation_report(self.context, emulation.read_year(self.request.form))
            return xlsx.send(self.request.response,
                             emulation.emulation_xlsx(report, self.request),
                             emulation.filename(report["year"]))
        return super().render()

    def reply(self):
        usage.check_read(self.context)
        emulation.read_format(self.request.form)
        year = emulation.read_year(self.request.form)
        report = emulation.emulation_report(self.context, year)
        query = urlencode({"year": year})
        return {"@id": f"{self.context.absolute_url()}/@emulation?{query}", **report,
                "xlsx": f"{self.context.absolute_url()}/@emulation?{query}&format=xlsx",
                "labels": emulation.labels(self.request), "notes": emulation.notes(self.request)}
