"""A ZCTextIndex normalizer that folds every Vietnamese letter.

Plone's "Unicode Ignoring Accents Case Normalizer" folds a word only when
its first letter lies in U+0041–U+024F, so "Ủy" (U+1EE6), "Ứng", "Ấn"
keep their marks and "uy ban" never finds "Ủy ban". This one folds every
word, in what is indexed and in what is queried (glob characters pass
through), so "uy ban" and "Ủy ban" both find "Ủy ban nhân dân tỉnh".
"""

from Products.ZCTextIndex.PipelineFactory import element_factory
from qlvbdh_policy.rules.folding import strip_diacritics

NAME = "Vietnamese Folding Normalizer"
GROUP = "Case Normalizer"


class VietnameseFoldingNormalizer:
    def process(self, words):
        return [strip_diacritics(w if isinstance(w, str) else w.decode("utf-8")).lower()
                for w in words]

    processGlob = process


try:
    element_factory.registerFactory(GROUP, NAME, VietnameseFoldingNormalizer)
except ValueError:  # registered already (module reloaded)
    pass
