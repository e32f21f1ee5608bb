"""Upgrade steps of the default profile, one module per target version."""
