"""Reading and checking the signatures of one PDF file with pyHanko (PAdES
and plain CMS, ``adbe.pkcs7.detached``), without Zope: bytes and trust
roots in, plain facts out (NĐ 30/2020 Điều 4; Phụ lục VI II.8).

For each signature: who signed (the certificate's common name and
organisation), when (the signature's timestamp token, else the time the
signer's software reported), whether the bytes signed are intact and the
file unchanged since (pyHanko's coverage and difference analysis),
whether the certificate was in force at that time and whether it chains
to one of ``roots``, the certificates the site manager installed. The
chain is validated at the signing time, so a certificate that expired
since still verifies; nothing is fetched from the network (no AIA, OCSP
or CRL download: the server may have no way out), so revocation is only
known from what the signer embedded.
"""

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext
from qlvbdh_policy.rules import signatures as rules

import datetime
import io
import logging

logger = logging.getLogger(__name__)
# pyHanko logs a traceback at WARNING for every untrusted, expired or
# changed signature: what this module returns as a class, not a fault
for _name in ("pyhanko.sign.validation", "pyhanko.sign.diff_analysis"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

#: later revisions that leave the signed document as it was: the
#: document security store, a form filled in, another signature
UNCHANGED = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES,
             ModificationLevel.FORM_FILLING)
#: Vietnamese signing certificates carry digitalSignature, nonRepudiation or both
KEY_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"},
                                match_all_key_usages=False)


def load_root(data):
    """An asn1crypto certificate from PEM or DER bytes.

    :raises: ValueError when ``data`` is not one certificate"""
    from asn1crypto import pem

    if pem.detect(data):
        _type, _headers, data = pem.unarmor(data)
    cert = asn1_x509.Certificate.load(data)
    cert.native  # parses it all now: a broken file is refused at upload
    return cert


def names(cert):
    """(common name, organisation) of a certificate's subject."""
    subject = cert.subject.native
    organisation = subject.get("organization_name") or subject.get(
        "organizational_unit_name") or ""
    if isinstance(organisation, list):
        organisation = ", ".join(organisation)
    return subject.get("common_name") or "", organisation


def _in_force(cert, moment):
    if moment is None:
        return True  # no time to judge by: the trust check at now decides
    validity = cert["tbs_certificate"]["validity"]
    return validity["not_before"].native <= moment <= validity["not_after"].native


def _signing_time(status, embedded):
    ts = getattr(status, "timestamp_validity", None) if status is not None else None
    if ts is not None and ts.intact and ts.valid:
        return ts.timestamp
    return embedded.self_reported_timestamp


def _modified(status):
    level = status.modification_level
    return level is not None and level not in UNCHANGED


def check_signature(embedded, roots, now=None):
    """The facts of one ``EmbeddedPdfSignature`` (a dict, see module doc)."""
    cert = embedded.signer_cert
    signer, organisation = names(cert)
    moment = embedded.self_reported_timestamp or now
    context = ValidationContext(trust_roots=list(roots), allow_fetching=False,
                                moment=moment or datetime.datetime.now(datetime.timezone.utc))
    status = validate_pdf_signature(embedded, context, key_usage_settings=KEY_USAGE)
    signed_at = _signing_time(status, embedded)
    facts = {
        "field": str(embedded.field_name or ""),
        "signer": signer,
        "organisation": organisation,
        "issuer": cert.issuer.native.get("common_name") or "",
        "signed_at": signed_at.isoformat() if signed_at else None,
        "valid_from": cert["tbs_certificate"]["validity"]["not_before"].native.isoformat(),
        "valid_until": cert["tbs_certificate"]["validity"]["not_after"].native.isoformat(),
        "coverage": status.coverage.name if status.coverage is not None else None,
        "modification": (status.modification_level.name
                         if status.modification_level is not None else None),
    }
    facts["status"] = rules.classify(
        intact=status.intact, valid=status.valid, modified=_modified(status),
        in_force=_in_force(cert, signed_at), trusted=status.trusted)
    return facts


def check_pdf(data, roots):
    """[facts of each signature of the PDF ``data``], in signing order;
    [] for a PDF without signature. A signature that cannot be read is
    ``BROKEN`` with its reason; a file that is no readable PDF raises.

    :raises: ValueError for bytes that are no PDF pyHanko can read"""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        found = reader.embedded_signatures
    except MemoryError:
        raise  # the limited worker's to report (check_worker.py)
    except Exception as error:  # pyHanko raises many kinds for a broken file
        raise ValueError(str(error)) from error
    out = []
    for embedded in found:
        try:
            out.append(check_signature(embedded, roots))
        except MemoryError:
            raise
        except Exception as error:  # a malformed signature dictionary or CMS
            logger.info("unreadable signature %s: %s", embedded.field_name, error)
            out.append({"field": str(embedded.field_name or ""), "status": rules.BROKEN,
                        "signer": "", "organisation": "", "signed_at": None,
                        "error": str(error)[:200]})
    return out
