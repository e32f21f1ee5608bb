"""Expected refusals are answers, not failures: the event log keeps them at
INFO, one line without a traceback, so that ERROR is left to what needs
fixing (issue 18; issue 17 for REST's envelope).

Zope's site error log (Site Setup → Errors, ``error_log``) copies every
exception of a request to the event log at ERROR with its traceback,
except the types its "ignored exceptions" name (stock: Unauthorized,
NotFound, Redirect). This module:

- ``expected_names``: the class names of the refusals this package raises
  on purpose — its subclasses of zExceptions' ``BadRequest`` (every
  ``RefusedValue``) and ``Forbidden`` (a forged form);
- ``quiet_error_log``: adds them to the site's ignored exceptions, keeping
  what a site manager listed there (install, upgrade 1032, ``make run``);
- ``log_refusal`` (IPubFailure): the one line (INFO; WARNING for a 409
  that waits on a setting): status, address, type, message.

A real 500 is none of these and stays at ERROR with its traceback.
"""

from zExceptions import BadRequest
from zExceptions import Forbidden

import importlib
import logging
import pkgutil

log = logging.getLogger("qlvbdh_policy.refusals")

PACKAGE = "qlvbdh_policy"
EXPECTED_BASES = (BadRequest, Forbidden)
SKIPPED_MODULES = ("qlvbdh_policy.testing",)  # the test layers: not run in production


def _import_all():
    """Every module of the package, so that every refusal class exists."""
    package = importlib.import_module(PACKAGE)
    for module in pkgutil.walk_packages(package.__path__, PACKAGE + "."):
        if module.name not in SKIPPED_MODULES:
            importlib.import_module(module.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def expected_classes():
    _import_all()
    return {cls for base in EXPECTED_BASES for cls in _subclasses(base)
            if cls.__module__.startswith(PACKAGE + ".")}


def expected_names():
    """The sorted class names of the package's own refusals."""
    return sorted({cls.__name__ for cls in expected_classes()})


def quiet_error_log(site):
    """The site's error log ignores the package's refusals (their INFO line
    is ``log_refusal``'s); returns the names added."""
    error_log = getattr(site, "error_log", None)
    if error_log is None:
        return []
    properties = error_log.getProperties()
    ignored = list(properties["ignored_exceptions"])
    added = [name for name in expected_names() if name not in ignored]
    if added:
        error_log.setProperties(properties["keep_entries"], properties["copy_to_zlog"],
                                ignored + added)
    return added


def log_refusal(event):
    """IPubFailure: a refusal of this package in one line, at INFO; at
    WARNING when it waits on a setting (409: no mail sender, criteria
    that cannot be read)."""
    exc = event.exc_info[1]
    if not isinstance(exc, EXPECTED_BASES) or not type(exc).__module__.startswith(PACKAGE + "."):
        return
    request = event.request
    status = request.response.getStatus()
    log.log(logging.WARNING if status == 409 else logging.INFO, "%s %s %s: %s", status,
            request.get("ACTUAL_URL", ""), type(exc).__name__, str(exc)[:300])
