"""Fields that incoming and outgoing documents share, with the same
constraints: one definition, called by both schemas where each wants it
in its form's order."""

from plone.namedfile.field import NamedBlobFile
from qlvbdh_policy import _
from qlvbdh_policy.content.fields import PlainTextLine
from qlvbdh_policy.content.validation import check_doc_date
from qlvbdh_policy.content.validation import check_doc_type
from qlvbdh_policy.content.validation import check_secrecy
from qlvbdh_policy.content.validation import check_title
from qlvbdh_policy.content.validation import check_upload
from qlvbdh_policy.content.validation import count_constraint
from qlvbdh_policy.rules.plausible import COUNT_BOUNDS
from zope import schema
from zope.interface import provider
from zope.schema.interfaces import IContextAwareDefaultFactory

USUAL_TYPE = "cong_van"


@provider(IContextAwareDefaultFactory)
def usual_type(context):
    """Công văn, the document most registered, preselected (issue 16);
    nothing when the province's list of types has no such token."""
    from qlvbdh_policy.vocabularies.registry_vocabularies import document_type

    return USUAL_TYPE if document_type(USUAL_TYPE) is not None else None


def doc_type():
    return schema.Choice(title=_("Document type"), vocabulary="qlvbdh.DocumentTypes",
                         defaultFactory=usual_type, constraint=check_doc_type)


def summary():
    return PlainTextLine(
        title=_("Summary"),
        description=_("Trích yếu nội dung, at most 500 characters."),
        max_length=500,
        constraint=check_title,
    )


def signer_name():
    return PlainTextLine(title=_("Signer"), required=False)


def signer_position():
    return PlainTextLine(title=_("Signer's position"), required=False)


def urgency():
    return schema.Choice(title=_("Urgency"), vocabulary="qlvbdh.Urgency", default="thuong")


def secrecy():
    return schema.Choice(
        title=_("Secrecy"), vocabulary="qlvbdh.Secrecy", default="thuong",
        constraint=check_secrecy,
    )


# a refused upload is not kept across the form's errors (issue 14); named,
# not imported, as the browser layer lies above the content types
MAIN_FILE_WIDGET = "qlvbdh_policy.browser.upload_widget.CheckedFileFieldWidget"


def main_file():
    return NamedBlobFile(title=_("Main file"), required=False, constraint=check_upload)


def code_number(description, readonly=False):
    """Số: the document's number as printed, a string on every document
    (incoming, outgoing, a delivered copy) and in every answer, the REST
    API's included (issue 17: "02" on a copy, 2 on its original, was one
    field of two types).

    A string, not an integer, because the number is part of the document's
    identifier (số và ký hiệu, "05/QĐ-STTTT"), not a quantity:

    - NĐ 30/2020 Phụ lục I II.3 writes numbers below 10 with a leading zero
      ("05"); an integer cannot keep what the paper says, and an incoming
      document is registered as printed (Phụ lục IV: "số, ký hiệu" copied
      from the document), by agencies whose numbers this system never gave;
    - nothing adds or compares numbers by size: the register's order is its
      own integer (``arrival_number``, the ``book_number`` index), and the
      outgoing counter stays an integer (``numbering``) of which this is the
      printed form (``notation.format_number``);
    - a JSON client reading "05" shows it as printed, and the duplicate
      check (Phụ lục VI III.1.h) and the search compare it as text
      (``rules.duplicates``, ``rules.search_criteria.code_number_forms``).
    """
    return PlainTextLine(title=_("Number"), description=description, required=False,
                         readonly=readonly)


def doc_date():
    """Ngày văn bản: not after today nor before the configured floor."""
    return schema.Date(title=_("Document date"), constraint=check_doc_date)


def count(name, title):
    """Số trang, số lượng bản: 1 to 10,000."""
    low, high = COUNT_BOUNDS
    return schema.Int(title=title, min=low, max=high, required=False,
                      constraint=count_constraint(name, title))
