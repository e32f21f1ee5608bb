"""Vocabularies of the file plan and the case files: the retention periods
(NĐ 30/2020 Phụ lục V: 5, 10, 20 năm, vĩnh viễn) and the entries of the
agency's file plans."""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.rules.case_files import RETENTIONS
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

RETENTION_TITLES = {
    "5": _("5 years"),
    "10": _("10 years"),
    "20": _("20 years"),
    "permanent": _("Permanent"),
}


@provider(IVocabularyFactory)
def Retentions(context):
    return SimpleVocabulary([SimpleTerm(token, token, RETENTION_TITLES[token])
                             for token in RETENTIONS])


@provider(IVocabularyFactory)
def FilePlanEntries(context):
    """The entries of the file plans of the context's agency, newest year
    first, each as “2026 · 01.VP – title”, by UID."""
    return plan_entries(context)


def plan_entries(context, keep=None):
    """The vocabulary of ``FilePlanEntries``, only the entries ``keep``
    (a predicate on the entry) keeps when given."""
    agency = agency_of(context)
    if agency is None:
        return SimpleVocabulary([])
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="FilePlanEntry", path="/".join(agency.getPhysicalPath()))
    entries = []
    for brain in brains:
        entry = brain._unrestrictedGetObject()
        if keep is not None and not keep(entry):
            continue
        year = getattr(entry.aq_parent, "year", None) or ""
        entries.append((-int(year or 0), entry.code or "", entry.UID(),
                        f"{year} · {entry.code} – {entry.title}"))
    return SimpleVocabulary([SimpleTerm(uid, uid, title)
                             for _y, _c, uid, title in sorted(entries)])
