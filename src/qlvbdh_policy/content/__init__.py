"""Dexterity types, one module each: schema and class."""


def children(container, portal_type):
    """Direct children of one type. (Dexterity items share one meta_type,
    so ``objectValues(portal_type)`` finds nothing.) For small folders only:
    a register is listed through the catalog."""
    return [obj for obj in container.objectValues() if obj.portal_type == portal_type]
