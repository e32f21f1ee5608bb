"""The yearly emulation scores (Quy chế Điều 12) for the province's
oversight and site managers: the page ``@@emulation-scores``, its XLSX
``@@emulation-scores.xlsx``, and the control panel where site managers
weigh the criteria (``@@emulation-controlpanel``). Everything is
``stats.emulation``'s; REST ``@emulation`` answers the same figures."""

from plone import api
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.browser.routing_forms import show_refusal
from qlvbdh_policy.exports import xlsx
from qlvbdh_policy.rules import emulation as E
from qlvbdh_policy.stats import emulation
from qlvbdh_policy.timeutil import vietnam_today
from z3c.form import button
from z3c.form import field
from z3c.form import form
from zope import schema
from zope.i18n import translate
from zope.interface import Interface


class EmulationView(BrowserView):
    index = ViewPageTemplateFile("templates/emulation.pt")

    def __call__(self):
        self.today = vietnam_today()
        try:
            self.year = emulation.read_year(self.request.form, self.today)
        except emulation.WeightsRefused as refusal:
            self._error(refusal)
            self.year = self.today.year
        try:
            self.report = emulation.emulation_report(api.portal.get(), self.year, self.today)
        except emulation.StoredWeightsWrong as refusal:
            self._error(refusal)
            self.report = None
        self.labels = emulation.labels(self.request)
        self.notes = emulation.notes(self.request)
        return self.index()

    def _error(self, refusal):
        IStatusMessage(self.request).addStatusMessage(
            translate(refusal.message(), context=self.request), "error")

    def years(self):
        return list(range(self.today.year, max(emulation.FIRST_YEAR, self.today.year - 5) - 1, -1))

    def criteria(self):
        return [dict(c, title=self.labels[c["key"]], weight_text=E.weight_text(c["weight"]))
                for c in self.report["criteria"]]

    def figures(self):
        return [{"key": key, "title": self.labels[key]} for key in emulation.FIGURES]

    def show(self, value):
        """A score with a decimal comma; no score as a dash."""
        if value is None:
            return "—"
        if isinstance(value, float):
            return f"{value:.2f}".replace(".", ",")
        return str(value)

    def can_weigh(self):
        return api.user.has_permission("Manage portal", obj=api.portal.get())


class EmulationXlsx(BrowserView):
    def __call__(self):
        year = emulation.read_year(self.request.form)
        report = emulation.emulation_report(api.portal.get(), year)
        return xlsx.send(self.request.response, emulation.emulation_xlsx(report, self.request),
                         emulation.filename(year))


# -- the control panel ---------------------------------------------------------------


class IEmulationCriteria(Interface):
    criteria = schema.Text(
        title=_("Criteria and weights"),
        description=_("One line per criterion: the criterion, “|”, its weight (a number from 0 "
                      "to 100; 0 switches the criterion off). A criterion without a line does "
                      "not count."),
        required=False,
    )


class EmulationControlPanelForm(form.Form):
    """Site managers weigh the criteria; a wrong line is named on the field
    and nothing is stored."""

    fields = field.Fields(IEmulationCriteria)
    ignoreContext = True
    enableCSRFProtection = True  # the authenticator in the form; handle_save checks it
    label = _("Emulation criteria")
    control_panel_view = "@@overview-controlpanel"

    @property
    def description(self):
        labels = emulation.labels(self.request)
        known = "; ".join(f"{c.key} ({labels[c.key]})" for c in E.CRITERIA)
        return _("The yearly emulation criteria of the use of the system (Quy chế Điều 12) and "
                 "their weights; the scores are on the page “Emulation scores”. The criteria: "
                 "${known}.", mapping={"known": known})

    def updateWidgets(self):
        super().updateWidgets()
        self.widgets["criteria"].rows = 8
        if not self.request.form.get("form.widgets.criteria"):
            self.widgets["criteria"].value = "\n".join(emulation.stored_lines())

    @button.buttonAndHandler(_("Save"), name="save")
    def handle_save(self, action):
        refuse_forged(self.request)
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        try:
            emulation.save_weights(data.get("criteria") or "")
        except emulation.WeightsRefused as refusal:
            show_refusal(self, refusal)
            return
        IStatusMessage(self.request).addStatusMessage(
            translate(_("Saved."), context=self.request), "info")
        self.request.response.redirect(f"{self.context.absolute_url()}/@@emulation-controlpanel")

    @button.buttonAndHandler(_("Cancel"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(f"{self.context.absolute_url()}/@@overview-controlpanel")


class EmulationControlPanel(ControlPanelFormWrapper):
    form = EmulationControlPanelForm
