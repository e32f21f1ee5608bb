"""``qlvbdh.ExternalOrganisations``: the directory of external
organisations as a vocabulary (value: the identification code; title:
"name (code)"), for the fields that name an organisation outside the
province (an outgoing document's external recipients, a received
document's sender)."""

from qlvbdh_policy.exchange import directory
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def title(entry):
    return f"{entry['name']} ({entry['code']})"


@provider(IVocabularyFactory)
def ExternalOrganisations(context):
    return SimpleVocabulary([SimpleTerm(e["code"], e["code"], title(e))
                             for e in directory.organisations()])
