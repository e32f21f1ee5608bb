"""The health URL of an instance (issue 15, several instances: a balancer
or a monitor asks each instance whether it can serve; Quy chế Điều 10.4,
quick recovery from incidents).

Pure: ``is_health_path`` tells whether a request's path (WSGI PATH_INFO)
asks for it. The address is ``/@@health`` on every host the instance
answers: its own address (127.0.0.1:8080), the base domain and every
agency host, directly (`make run`'s agency_hosts filter) or through the
generated nginx configuration, which hands Zope the path rewritten for the
VirtualHostMonster (``/VirtualHostBase/…/VirtualHostRoot/@@health``).
``@@`` keeps it apart from content: no stored object's id starts with it.
"""

HEALTH = "@@health"
VHM_ROOT = "/VirtualHostRoot/"


def is_health_path(path):
    """True for ``/@@health`` and for its virtual-hosted form; only the
    last step counts when it directly follows the virtual root, so a
    document's ``…/cv-1/@@health`` is not the instance's health."""
    path = path or ""
    if path in ("/" + HEALTH, "/" + HEALTH + "/"):
        return True
    if not path.startswith("/VirtualHostBase/"):
        return False
    _before, found, rest = path.partition(VHM_ROOT)
    return bool(found) and rest.rstrip("/") == HEALTH


def answer(readable):
    """(status line, body) of the health URL: nothing about the data or the
    error, only whether the database could be read."""
    if readable:
        return "200 OK", b'{"status": "ok"}'
    return "503 Service Unavailable", b'{"status": "unavailable"}'
