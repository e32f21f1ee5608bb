"""Password policy (Quy chế Điều 8.4) and one-time passwords.

A password is long enough, mixes letters and digits, and does not carry
the account's name (nor the person's name folded the same way): the
commonest guesses of a colleague. ``problems`` names every rule broken, as
English msgids that the callers translate; an empty list means accepted.
"""

from qlvbdh_policy.rules.folding import fold

import re
import secrets

MIN_LENGTH = 8

TOO_SHORT = "too-short"
NO_LETTER_OR_DIGIT = "no-letter-or-digit"
HAS_ACCOUNT_NAME = "has-account-name"

# no 0/O, 1/l/I: the one-time password is read off a printed sheet
ONE_TIME_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ONE_TIME_LENGTH = 12


def _plain(text):
    return re.sub(r"[^a-z0-9]", "", fold(text or ""))


def names_in(login, full_name=None):
    """The words a password must not contain: the account name without its
    agency suffix, and the full name written as one word."""
    names = {_plain((login or "").split("@")[0])}
    if full_name:
        names.add(_plain(full_name))
    return {n for n in names if len(n) >= 3}


def problems(password, login=None, full_name=None):
    found = []
    password = password or ""
    if len(password) < MIN_LENGTH:
        found.append(TOO_SHORT)
    if not (re.search(r"[^\W\d_]", password) and re.search(r"\d", password)):
        found.append(NO_LETTER_OR_DIGIT)
    plain = _plain(password)
    if any(name in plain for name in names_in(login, full_name)):
        found.append(HAS_ACCOUNT_NAME)
    return found


def one_time_password():
    """Random, policy-compliant, easy to copy from paper."""
    while True:
        candidate = "".join(secrets.choice(ONE_TIME_ALPHABET) for _ in range(ONE_TIME_LENGTH))
        if not problems(candidate):
            return candidate
