"""Every answer published by Zope carries the site's security headers
(``rules.security_headers``): pages, REST, resources, files, redirects,
the login page and error pages on every host. Set as the answer is about
to leave (before commit, before abort — after the error view has drawn the
error page — and before a streamed answer starts), so no view can forget
them; a view that sets one of them itself keeps its own value.
Answers that never reach Zope (the agency_hosts filter's 404 for an unknown
host) set them where they are made; nginx adds them to its own answers
(vhosting.nginx_config)."""

from qlvbdh_policy.rules.security_headers import missing


def set_security_headers(event):
    response = getattr(event, "response", None) or event.request.response
    present = list(response.headers) + [name for name, _ in response.accumulated_headers]
    for name, value in missing(present):
        response.setHeader(name, value)
