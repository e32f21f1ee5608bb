"""Pure rules of the domain: no Zope or Plone import, unit-tested alone."""
