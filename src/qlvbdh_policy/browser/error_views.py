"""Error answers that never show a traceback (issue 14: stock Plone's
traceback is never returned to a client).

Plone's error page shows the full traceback to site managers, and
plone.rest adds one to the JSON error of a request made by a site manager.
A traceback names the code, its paths and the data it was handling: the
log keeps it (error_log, event.log); the answer does not. One factory for
``index.html`` on Exception under this add-on's layer (more specific than
the stock registrations) picks the REST or the page answer as plone.rest
and Plone do, minus the traceback.
"""

from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from Products.CMFPlone.browser import exceptions
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import os

PLONE_TEMPLATES = os.path.join(os.path.dirname(exceptions.__file__), "templates")


class RESTErrors(ErrorHandling):
    def render_exception(self, exception):
        result = super().render_exception(exception)
        if isinstance(result, dict):
            result.pop("traceback", None)
        return result


class PageErrors(exceptions.ExceptionView):
    index = ViewPageTemplateFile(os.path.join(PLONE_TEMPLATES, "error_message.pt"))

    def is_manager(self):
        return False  # the template shows the traceback to managers only


def error_view(exception, request):
    """The exception view (``index.html``) of a request on this site."""
    if IAPIRequest.providedBy(request):
        return RESTErrors(exception, request)
    return PageErrors(exception, request)
