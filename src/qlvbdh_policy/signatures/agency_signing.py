"""Ký số của cơ quan at issue (NĐ 30/2020 Điều 4 khoản 1.c, Phụ lục I
I.1.b): when the clerk issues an outgoing document and asks for it, the
main PDF gets the agency's own digital signature with its visible stamp
(``pdf_sign``), after the number is given and before the copies are
delivered, so every recipient receives the signed file. The leader's own
signature stays on the leader's token: the system only verifies it.

What the site manager installs, per agency (the page ``@@agency-signing``
of the agency):

- the path of the agency's PKCS#12 file (.p12/.pfx: key and certificate)
  on the server's disk, outside the database;
- the seal image (PNG, transparent), kept with the agency;
- the PKCS#12 password is never in the database: it is read from the
  file named by the environment variable ``QLVBDH_SIGNING_PASSWORDS``
  (set it in zope.conf's ``<environment>`` section or the service's
  environment), one line per agency ``<agency id>=<password>``; the file
  is readable by the Zope process's account only.
"""

from Acquisition import aq_base
from persistent.mapping import PersistentMapping
from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.content.validation import StepRefused
from qlvbdh_policy.routing import trail
from qlvbdh_policy.signatures import checking
from qlvbdh_policy.signatures import pdf_sign
from qlvbdh_policy.timeutil import vietnam_now
from zope.annotation.interfaces import IAnnotations

import os

KEY = "qlvbdh_policy.signatures.agency_signing"
PASSWORDS_VARIABLE = "QLVBDH_SIGNING_PASSWORDS"
#: the issue step's detail (REST ``agency_signature``, the form's checkbox)
DETAIL = "agency_signature"
RULE = "NĐ 30/2020/NĐ-CP, Phụ lục I"

MSG_NO_KEY = _("The agency's signing key is not installed: a site manager sets the path of "
               "its PKCS#12 file on the page “Ký số của cơ quan” of the agency (${rule}).")
MSG_KEY_UNREADABLE = _("The agency's signing key file ${path} cannot be read on the server.")
MSG_NO_PASSWORD = _("The password of the agency's signing key is not set: the file named by "
                    "${variable} needs the line “${agency}=<password>”.")
MSG_WRONG_PASSWORD = _("The agency's signing key cannot be opened: its file or the password "
                       "set for it is wrong.")
MSG_NOT_PDF = _("The agency signs only a PDF main file: attach the document as PDF to sign "
                "it (${rule}).")


def settings(agency, create=False):
    """{"key_path": str, "seal": bytes or None, "seal_filename": str}"""
    annotations = IAnnotations(agency)
    found = annotations.get(KEY)
    if found is None and create:
        found = annotations[KEY] = PersistentMapping(key_path="", seal=None, seal_filename="")
    return found if found is not None else {"key_path": "", "seal": None, "seal_filename": ""}


def configure(agency, key_path=None, seal=None, seal_filename=""):
    found = settings(agency, create=True)
    if key_path is not None:
        found["key_path"] = key_path.strip()
    if seal is not None:
        found["seal"], found["seal_filename"] = seal, seal_filename


def can_sign(agency):
    """The agency has a key installed (its file on the server)."""
    return bool(agency is not None and settings(agency)["key_path"])


def password_of(agency_id, path=None):
    """The password of the agency's key from the passwords file; None."""
    path = path or os.environ.get(PASSWORDS_VARIABLE, "")
    if not path or not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as f:
        for line in f:
            name, sep, password = line.rstrip("\n").partition("=")
            if sep and name.strip() == agency_id:
                return password
    return None


def sign_main_file(doc):
    """Sign the main PDF of ``doc`` with its agency's key; the new file
    replaces it and its signatures are checked again.

    :raises: StepRefused naming what is missing (the key, its password,
        a PDF main file)"""
    agency = agency_of(doc)
    found = settings(agency) if agency is not None else {"key_path": ""}
    if not found["key_path"]:
        raise StepRefused(MSG_NO_KEY, {"rule": RULE}, DETAIL)
    named = getattr(aq_base(doc), "file", None)
    if not checking.is_pdf(named):
        raise StepRefused(MSG_NOT_PDF, {"rule": RULE}, "file")
    try:
        with open(found["key_path"], "rb") as f:
            p12 = f.read()
    except OSError:
        raise StepRefused(MSG_KEY_UNREADABLE, {"path": found["key_path"]}, DETAIL) from None
    password = password_of(agency.getId())
    if password is None:
        raise StepRefused(MSG_NO_PASSWORD, {"variable": PASSWORDS_VARIABLE,
                                            "agency": agency.getId()}, DETAIL)
    moment = vietnam_now().replace(microsecond=0)
    try:
        signed = pdf_sign.sign_pdf(checking._read(named), p12, password, agency.title, moment,
                                   found.get("seal"))
    except ValueError:
        raise StepRefused(MSG_WRONG_PASSWORD, {}, DETAIL) from None
    doc.file = type(named)(data=signed, filename=named.filename, contentType="application/pdf")
    checking.check(doc)
    return moment


def asked(event):
    details = (event.kwargs or {}).get(trail.DETAILS_KEY) or {}
    return bool(details.get(DETAIL))


def on_before_transition(doc, event):
    """At issue, when the step asked for it (after the registers' numbering)."""
    if event.transition is not None and event.transition.id == "issue" and asked(event):
        sign_main_file(doc)
