"""A REST service that takes the rest of its address as parameters
(``@accounts/<userid>/<action>``, ``@edxml-outbox/<id>``,
``@trust-roots/<fingerprint>``), as plone.restapi's @users does."""

from plone.restapi.services import Service
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class PathParamsService(Service):
    """``self.params``: the path segments after the service's name."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self
