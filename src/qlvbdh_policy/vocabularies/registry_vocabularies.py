"""Vocabulary factories backed by the registry (floor 2)."""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.rules import refusals
from qlvbdh_policy.vocabularies import parse_lines
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

RECORDS = {
    "document_types": "qlvbdh.document_types",
    "legal_types": "qlvbdh.legal_types",
    "urgency": "qlvbdh.urgency",
    "secrecy": "qlvbdh.secrecy",
    "agency_levels": "qlvbdh.agency_levels",
}


def terms(name):
    try:
        lines = api.portal.get_registry_record(RECORDS[name], default=None)
    except api.exc.CannotGetPortalError:
        lines = None
    return parse_lines(lines)


def term_map(name):
    return {t.token: t for t in terms(name)}


def document_type_map():
    """token → Term of every administrative and legal normative type (an
    administrative type wins a shared token). Read once for a listing:
    each read parses the registry records."""
    types = term_map("legal_types")
    types.update(term_map("document_types"))
    return types


def document_type(token):
    """The Term of an administrative or legal normative type, or None."""
    return document_type_map().get(token)


def is_legal_type(token):
    return token in term_map("legal_types")


def title_of(name, token):
    term = term_map(name).get(token)
    return term.title if term else token


def _vocabulary(*names):
    seen, out = set(), []
    for name in names:
        for t in terms(name):
            if t.token not in seen:
                seen.add(t.token)
                out.append(SimpleTerm(t.token, t.token, t.title))
    return SimpleVocabulary(out)


@provider(IVocabularyFactory)
def DocumentTypes(context):
    """Administrative and legal normative types together, and last the
    complaint letter, offered so that the clerk who chooses it is told at
    once that it is not registered (Quy chế Điều 3.2.b)."""
    vocabulary = _vocabulary("document_types", "legal_types")
    if refusals.COMPLAINT_TYPE in vocabulary.by_token:
        return vocabulary
    return SimpleVocabulary(list(vocabulary) + [SimpleTerm(
        refusals.COMPLAINT_TYPE, refusals.COMPLAINT_TYPE,
        _("Dispute, complaint or denunciation letter (not registered)"))])


@provider(IVocabularyFactory)
def LegalTypes(context):
    return _vocabulary("legal_types")


@provider(IVocabularyFactory)
def Urgency(context):
    return _vocabulary("urgency")


@provider(IVocabularyFactory)
def Secrecy(context):
    return _vocabulary("secrecy")


@provider(IVocabularyFactory)
def AgencyLevels(context):
    return _vocabulary("agency_levels")
