"""GET <site>/@openapi: the OpenAPI 3.1 description of the project's REST
services and types (``openapi.yaml`` beside this module, kept in the
repository and checked by tests/test_openapi.py against the ZCML and the
running services). Public: it describes no data. ``servers`` names the
site it is read from."""

from pathlib import Path
from plone.restapi.services import Service

import copy
import functools
import yaml

DOCUMENT = Path(__file__).with_name("openapi.yaml")


@functools.cache
def document():
    """The description as a dict (read once per process)."""
    with DOCUMENT.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


class OpenAPIGet(Service):
    def reply(self):
        answer = copy.deepcopy(document())
        answer["servers"] = [{"url": self.context.absolute_url(),
                              "description": "The site this description was read from"}]
        return answer
