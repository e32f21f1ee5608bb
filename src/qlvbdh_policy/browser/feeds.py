"""Plone's ``search_rss`` with its query checked first
(``rules.feed_query``): a wrong sort order or batch answers 400 naming the
parameter in Vietnamese (plain text: a feed reader shows it as it is)
instead of 500 (issue 14). Registered on this add-on's layer; the stock
view and template do the rest."""

from Products.CMFPlone.browser.syndication import views
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy.rules.feed_query import feed_query_refusal
from zope.i18n import translate
from zope.i18nmessageid import Message

import os

TEMPLATE = os.path.join(os.path.dirname(views.__file__), "templates", "search-rss.pt")


class SearchFeedView(views.SearchFeedView):
    index = ViewPageTemplateFile(TEMPLATE)

    def __call__(self):
        refusal = feed_query_refusal(self.request.form)
        if refusal is not None:
            message = Message(refusal.msgid, domain="qlvbdh_policy", mapping=refusal.mapping)
            response = self.request.response
            response.setStatus(400)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return translate(message, context=self.request)
        return super().__call__()
