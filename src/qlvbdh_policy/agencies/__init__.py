"""The agencies of the province: lookups, creation, workflow policies,
loading the province, rename/merge/dissolve, and their hosts (WSGI filter,
traversal, nginx, public URLs)."""
