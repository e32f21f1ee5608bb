"""Accounts of the agencies' officials (Quy chế Điều 6.2, 8.2, 8.4)."""

from qlvbdh_policy.rules.usernames import suggest_username  # noqa: F401
from qlvbdh_policy.rules.usernames import UsernameError  # noqa: F401
