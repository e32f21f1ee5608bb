"""1023 → 1024: the settings of each document's access log (issue 18,
``stats.document_log``): its retention in days and its switch; only these
records are added (the registry's other records keep their values)."""

from qlvbdh_policy.upgrades.v1002 import import_registry_file


def add_access_log_settings(context):
    import_registry_file(context, "access_log.xml")
