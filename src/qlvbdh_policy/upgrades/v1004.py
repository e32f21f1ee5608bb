"""1003 → 1004: full-text search folds every Vietnamese letter: the
Vietnamese lexicon, then SearchableText, Title and Description re-created
on it and reindexed (existing content becomes findable without marks)."""

from qlvbdh_policy import PROFILE_ID
from qlvbdh_policy.search.text_indexes import use_vietnamese_lexicon


def apply_vietnamese_lexicon(context):
    context.runImportStepFromProfile("profile-" + PROFILE_ID, "catalog", run_dependencies=False)
    use_vietnamese_lexicon()
