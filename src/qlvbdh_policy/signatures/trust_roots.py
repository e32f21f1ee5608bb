"""The trust roots: the root certificates of the national certification
authorities (Ban Cơ yếu Chính phủ's root for state agencies, the root of
the public digital signature service) that the province's administrator
supplies as files and a site manager installs on the Site Setup page
``@@trust-roots`` (NĐ 30/2020 Điều 4; Luật Giao dịch điện tử). None is
shipped or guessed: a site without roots shows every signature as not
trusted, never as valid.

Kept in the site (an OOBTree in its annotations, by SHA-256 fingerprint
of the certificate), so every instance of the cluster reads the same.
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.signatures.pdf_check import load_root
from qlvbdh_policy.signatures.pdf_check import names
from qlvbdh_policy.site_storage import site_tree
from qlvbdh_policy.timeutil import vietnam_timestamp

import hashlib

KEY = "qlvbdh_policy.signatures.trust_roots"
MAX_BYTES = 64 * 1024
MSG_NOT_A_CERTIFICATE = _(
    "The file “${name}” is not a certificate (PEM or DER): choose the root "
    "certificate file the certification authority publishes.")
MSG_NOT_A_CA = _("The certificate “${name}” is not a certification authority's certificate: "
                 "only root certificates are installed as trust roots.")
MSG_NO_FILE = _("Choose the root certificate file to upload.")
MSG_UNKNOWN = _("No trust root with fingerprint ${fingerprint} is installed.")


class TrustRootRefused(RefusedValue):
    """A file that is no CA certificate (HTTP 400 naming the field)."""


class TrustRootNotFound(TrustRootRefused):
    """No root installed with that fingerprint (HTTP 404)."""

    status = 404
    error_type = "NotFound"


def _tree(create=False):
    return site_tree(KEY, create=create)


def add(data, filename="", field="file"):
    """Install the certificate ``data`` (PEM or DER bytes); returns its
    entry. Installing one twice keeps one. ``field``: the form's or the
    request's field the refusal names.

    :raises: TrustRootRefused for an empty file, a file that is not a
        certificate, or a certificate that is not a CA's; nothing stored"""
    if not data:
        raise TrustRootRefused(MSG_NO_FILE, {}, field)
    mapping = {"name": filename or "?"}
    try:
        if len(data) > MAX_BYTES:
            raise ValueError("too large")
        cert = load_root(data)
    except ValueError:
        raise TrustRootRefused(MSG_NOT_A_CERTIFICATE, mapping, field) from None
    if not cert.ca:
        raise TrustRootRefused(MSG_NOT_A_CA, mapping, field)
    der = cert.dump()
    fingerprint = hashlib.sha256(der).hexdigest()
    tree = _tree(create=True)
    if fingerprint not in tree:
        common, organisation = names(cert)
        validity = cert["tbs_certificate"]["validity"]
        tree[fingerprint] = {
            "der": der, "filename": filename, "subject": common,
            "organisation": organisation,
            "valid_from": validity["not_before"].native.isoformat(),
            "valid_until": validity["not_after"].native.isoformat(),
            "added": vietnam_timestamp().isoformat(),
            "added_by": api.user.get_current().getId(),
        }
    return entry(fingerprint)


def entry(fingerprint):
    found = _tree().get(fingerprint)
    if found is None:
        return None
    return {k: v for k, v in found.items() if k != "der"} | {"fingerprint": fingerprint}


def listing():
    """Every installed root (without its bytes), by subject."""
    return sorted((entry(f) for f in _tree()), key=lambda e: (e["subject"], e["fingerprint"]))


def remove(fingerprint):
    """:raises: TrustRootNotFound (404) for a fingerprint not installed"""
    tree = _tree()
    if fingerprint not in tree:
        raise TrustRootNotFound(MSG_UNKNOWN, {"fingerprint": fingerprint}, "fingerprint")
    del tree[fingerprint]


def certificates():
    """The installed roots as asn1crypto certificates (what pyHanko takes)."""
    return [load_root(value["der"]) for value in _tree().values()]


def digest():
    """Names the set of roots installed now: a check made against other
    roots is stale (checking.py, bulk_check.py). "" when none."""
    fingerprints = sorted(_tree())
    return hashlib.sha256(" ".join(fingerprints).encode()).hexdigest()[:16] if fingerprints else ""


def pem_bundle():
    """The installed roots as PEM blocks, one after another (what the
    checking process reads, signatures/check_worker.py); b"" for none."""
    from asn1crypto import pem

    return b"".join(pem.armor("CERTIFICATE", value["der"]) for value in _tree().values())
