"""What a digital signature on a document's PDF file means to the people
who read the document, in one word each (NĐ 30/2020 Điều 4: an electronic
document is valid when it carries a valid digital signature; Phụ lục VI
II.8: "kiểm tra, xác thực chữ ký số").

``classify`` turns what pyHanko found about one signature into one class;
``document_status`` sums up the signatures of every PDF of a document.
A signature is *valid* only when nothing speaks against it: a tampered or
untrusted signature is never shown as valid.
"""

from qlvbdh_policy import _

VALID = "valid"
MODIFIED = "modified"  # the signed bytes or the document changed after signing
UNTRUSTED = "untrusted"  # no path to a trust root the site manager installed
EXPIRED = "expired"  # the certificate was not in force at the signing time
BROKEN = "broken"  # the signature cannot be read or its value is wrong
UNSIGNED = "unsigned"  # no PDF, or no signature in any PDF

#: worst first: a document shows the worst of its signatures
SEVERITY = (MODIFIED, BROKEN, UNTRUSTED, EXPIRED, VALID)
STATUSES = SEVERITY + (UNSIGNED,)

LABELS = {
    VALID: _("Valid digital signature"),
    MODIFIED: _("Changed after signing: the signature does not cover the document as it is now"),
    UNTRUSTED: _("Signature not trusted: the certificate was not issued by a trusted "
                 "certification authority"),
    EXPIRED: _("Certificate not in force when signed"),
    BROKEN: _("Signature cannot be verified"),
    UNSIGNED: _("Not digitally signed"),
}
#: short marks for the register book's column
MARKS = {
    VALID: _("Signed, valid"),
    MODIFIED: _("Changed after signing"),
    UNTRUSTED: _("Not trusted"),
    EXPIRED: _("Certificate expired"),
    BROKEN: _("Signature broken"),
    UNSIGNED: _("Not signed"),
}


def classify(intact, valid, modified, in_force, trusted):
    """The class of one signature.

    ``intact``: the signed bytes hash to what was signed; ``valid``: the
    signature value verifies with the certificate's key; ``modified``: the
    file was changed by a later revision beyond adding signatures or form
    fields; ``in_force``: the certificate's validity period covers the
    signing time; ``trusted``: the certificate chains to one of the site's
    trust roots. Order matters: a change to signed content is named before
    anything else, as it is what a reader must know first."""
    if not intact or modified:
        return MODIFIED
    if not valid:
        return BROKEN
    if not in_force:
        return EXPIRED
    if not trusted:
        return UNTRUSTED
    return VALID


def document_status(statuses):
    """The worst of the signatures' classes; ``UNSIGNED`` when there is
    none (a file without signature does not lower a signed main file)."""
    found = [s for s in statuses if s in SEVERITY]
    if not found:
        return UNSIGNED
    return min(found, key=SEVERITY.index)


def is_verified(status):
    """Counted by the "digitally signed" indicator (Phụ lục VI II.8)."""
    return status == VALID
