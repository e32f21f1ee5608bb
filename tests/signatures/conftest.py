"""Fixtures of the signature tests: the test CA (``signature_fixtures``)."""

from signature_fixtures import test_ca  # noqa: F401  (a fixture)
