"""The OpenAPI description (src/qlvbdh_policy/restapi/openapi.yaml) as a
contract the tests hold the running services to: which described
operation an address and method are, and whether an answer (or a request
body) has the described shape, strictly: date-times with +07:00,
``code_number`` the printed text, as issue 17 asks.
"""

from jsonschema import Draft202012Validator
from jsonschema import FormatChecker
from qlvbdh_policy.restapi.openapi import document
from urllib.parse import urlsplit

import re

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

def template_regex(template):
    parts = []
    for segment in template.strip("/").split("/"):
        if segment.startswith("{") and segment.endswith("}"):
            parts.append(r"[^/@][^/]*")  # a path parameter is no service name
        else:
            parts.append(re.escape(segment))
    return re.compile("^/" + "/".join(parts) + "$") if parts != [""] else re.compile("^/?$")


class Contract:
    def __init__(self, spec=None):
        self.spec = spec if spec is not None else document()
        self.templates = sorted(
            self.spec["paths"],
            key=lambda t: (t.count("{"), -t.count("/")))  # literal segments first
        self.regexes = {t: template_regex(t) for t in self.templates}
        self.exercised = set()

    # --- what is described ----------------------------------------------------

    def operations(self):
        """(template, method) of every described operation."""
        return {(t, m) for t, item in self.spec["paths"].items() for m in item if m in METHODS}

    def operation(self, template, method):
        return self.spec["paths"][template][method.lower()]

    def match(self, method, url, site):
        """The described (template, method) of a request, or None."""
        path = urlsplit(url).path
        base = urlsplit(site).path.rstrip("/")
        if not path.startswith(base):
            return None
        path = path[len(base):] or "/"
        if path.startswith("/++api++/"):  # the same service, marked as the API's
            path = path[len("/++api++"):]
        for template in self.templates:
            if self.regexes[template].match(path) and method.lower() in self.spec["paths"][template]:
                return template, method.lower()
        return None

    # --- shapes ---------------------------------------------------------------------

    def resolve(self, node):
        while isinstance(node, dict) and "$ref" in node and len(node) == 1:
            node = self.lookup(node["$ref"])
        return node

    def lookup(self, ref):
        assert ref.startswith("#/"), ref
        node = self.spec
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def validator(self, schema):
        """A validator of ``schema`` whose ``#/components/…`` references
        reach the description's components."""
        root = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                "allOf": [schema], "components": self.spec["components"]}
        return Draft202012Validator(root, format_checker=FormatChecker())

    def errors(self, schema, instance, where):
        """Problems of ``instance`` against ``schema``."""
        return [f"{where}: {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
                for e in self.validator(schema).iter_errors(instance)]

    def check_response(self, method, url, site, status, content_type, body):
        """Problems of an answer against the description ([] when it holds)."""
        found = self.match(method, url, site)
        if found is None:
            return [f"{method} {url}: not described"]
        template, method = found
        self.exercised.add(found)
        where = f"{method.upper()} {template} → {status}"
        responses = self.operation(template, method)["responses"]
        response = self.resolve(responses.get(str(status)))
        if response is None:
            return [f"{where}: status not described"]
        content = response.get("content")
        if not content:
            return [] if not body else [f"{where}: a body where none is described"]
        media = (content_type or "").split(";")[0].strip()
        if media not in content:
            return [f"{where}: {media} is not one of {sorted(content)}"]
        if media != "application/json":
            return []
        return self.errors(content[media]["schema"], body, where)

    def check_request(self, method, url, site, body):
        found = self.match(method, url, site)
        if found is None:
            return [f"{method} {url}: not described"]
        template, method = found
        request_body = self.resolve(self.operation(template, method).get("requestBody"))
        if request_body is None:
            return [] if body in (None, {}) else [f"{method} {template}: takes no body"]
        schema = request_body["content"]["application/json"]["schema"]
        return self.errors(schema, body if body is not None else {},
                           f"{method.upper()} {template} (request)")
