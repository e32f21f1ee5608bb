"""“Lịch sử thay đổi” below a document: every change of its metadata with
the old and the new value, who and when (NĐ 30/2020 Phụ lục VI III.5.d;
``stats.change_history``), shown to those who may read it, nothing to
others."""

from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy.stats import change_history


class ChangeHistoryViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/change_history.pt")

    def update(self):
        super().update()
        self.readable = change_history.may_read(self.context)
        self.rows = change_history.rows(self.context) if self.readable else []

    def render(self):
        return self.index() if self.readable and self.rows else ""
