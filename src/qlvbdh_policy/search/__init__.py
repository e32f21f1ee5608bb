"""Vietnamese search: what officials type, with or without diacritics."""

from qlvbdh_policy.search import lexicon  # noqa: F401 (registers the normalizer)
