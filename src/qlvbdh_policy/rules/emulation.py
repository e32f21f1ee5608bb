"""The emulation score of an agency's use of the system, pure (Quy chế
Điều 12: Sở Nội vụ puts the use of the system into the yearly emulation
criteria of the province's agencies; issue 18).

The criteria a site manager may weigh are the ones below, each scored
here and nowhere else from the indicators of ``stats/indicators.py`` (a
dict of indicator name → value for the agency and the year). The weights
are data: lines ``criterion|weight`` in the site's registry, read by
``read_weights``.

Each criterion scores 0 to 100: the share it measures, times 100, to two
decimals. When there is nothing to measure (no document issued, none
completed …) a criterion either

- scores 0 (``EMPTY_ZERO``): a share of *use* — an agency that issued
  nothing electronically, or whose accounts never logged in, did not use
  the system, which is what Điều 12 weighs; or
- is left out (``EMPTY_SKIP``): a share of *quality* — an agency that
  completed no incoming document in the year was not late either; its
  score is then the weighted mean of its other criteria.

The score is the weighted mean of the criteria that count, to two
decimals; an agency where no criterion counts has no score and no rank.
Ranking: higher score first; agencies with the same score (to two
decimals) share a rank and the next rank skips as many places
("1, 2, 2, 4", as in sports tables), listed among themselves in the order
they were given (by name).
"""

from dataclasses import dataclass

import re

EMPTY_ZERO, EMPTY_SKIP = "zero", "skip"


@dataclass(frozen=True)
class Criterion:
    key: str
    part: str  # the indicator counted
    whole: str  # out of this indicator
    when_empty: str  # EMPTY_ZERO or EMPTY_SKIP


#: every criterion a weight may name, in the order reports show them
CRITERIA = (
    # Quy chế Điều 8 khoản 1, Điều 7 khoản 1: documents travel electronically
    Criterion("outgoing_electronic_share", "outgoing_electronic", "outgoing_issued", EMPTY_ZERO),
    Criterion("incoming_electronic_share", "incoming_electronic", "incoming_registered",
              EMPTY_ZERO),
    # NĐ 30/2020 Phụ lục VI III.1.l: documents handled by their deadline
    Criterion("on_time_rate", "completed_on_time", "completed", EMPTY_SKIP),
    # QĐ 28/2018/QĐ-TTg Điều 6 khoản 2: receipt acknowledged the same working day
    Criterion("delivery_feedback", "acknowledged_same_day", "delivered_to_agencies", EMPTY_SKIP),
    # Quy chế Điều 8 khoản 1, 2: every official uses the system
    Criterion("active_accounts_share", "accounts_logged_in", "accounts", EMPTY_ZERO),
)
BY_KEY = {c.key: c for c in CRITERIA}

#: what a new site weighs (profiles/default/registry/emulation.xml says the same)
DEFAULT_LINES = ("outgoing_electronic_share|30", "incoming_electronic_share|20",
                 "on_time_rate|25", "delivery_feedback|15", "active_accounts_share|10")

MAX_WEIGHT = 100
# why a line is refused; the caller turns each into a message naming the line
BAD_LINE, UNKNOWN, BAD_WEIGHT, TWICE, NONE = ("bad_line", "unknown", "bad_weight", "twice",
                                              "none")
_WEIGHT = re.compile(r"\d{1,3}(?:[.,]\d{1,2})?")


class WeightError(ValueError):
    """``number`` is the line at fault (1-based; 0 for the whole list),
    ``text`` what it says, ``reason`` one of BAD_LINE, UNKNOWN, BAD_WEIGHT,
    TWICE, NONE."""

    def __init__(self, number, text, reason):
        super().__init__(f"line {number}: {reason} ({text})")
        self.number, self.text, self.reason = number, text, reason


def _weight(text):
    if not _WEIGHT.fullmatch(text):
        return None
    weight = float(text.replace(",", "."))
    return weight if 0 <= weight <= MAX_WEIGHT else None


def read_weights(lines):
    """{criterion key: weight} from lines ``key|weight`` (blank lines
    skipped; a weight is a number from 0 to 100, with a dot or a comma and
    at most two decimals), in the order given. A weight of 0 switches a
    criterion off: its score is shown, it counts for nothing — as leaving
    its line out, but the site manager sees it was weighed on purpose.

    :raises WeightError: for the first line at fault, or (number 0,
        reason NONE) when no line weighs anything above 0."""
    weights = {}
    for number, line in enumerate(lines, start=1):
        text = (line or "").strip()
        if not text:
            continue
        key, bar, written = (part.strip() for part in text.partition("|"))
        if not bar or not key or not written:
            raise WeightError(number, text, BAD_LINE)
        if key not in BY_KEY:
            raise WeightError(number, text, UNKNOWN)
        if key in weights:
            raise WeightError(number, text, TWICE)
        weight = _weight(written)
        if weight is None:
            raise WeightError(number, text, BAD_WEIGHT)
        weights[key] = weight
    if not any(weights.values()):
        raise WeightError(0, "", NONE)
    return weights


def write_weights(weights):
    """The lines ``read_weights`` reads back."""
    return [f"{key}|{weight_text(weight)}" for key, weight in weights.items()]


def weight_text(weight):
    """A weight as a line writes it: 30, 2.5."""
    return str(int(weight)) if float(weight).is_integer() else f"{weight:g}"


def _of(figures, name):
    if name == "completed":  # on time or late: every incoming document completed
        return (figures.get("completed_on_time") or 0) + (figures.get("completed_late") or 0)
    return figures.get(name) or 0


def criterion_score(criterion, figures):
    """0 to 100 to two decimals, or None when the criterion is left out."""
    part, whole = _of(figures, criterion.part), _of(figures, criterion.whole)
    if not whole:
        return 0.0 if criterion.when_empty == EMPTY_ZERO else None
    return round(100 * part / whole, 2)


def score(weights, figures):
    """(score or None, {criterion key: its score or None}) of one agency."""
    scores = {key: criterion_score(BY_KEY[key], figures) for key in weights}
    counted = {key: value for key, value in scores.items() if value is not None}
    total = sum(weights[key] for key in counted)
    if not total:
        return None, scores
    return round(sum(weights[key] * value for key, value in counted.items()) / total, 2), scores


def rank(scores):
    """The ranks of ``scores`` (a list of scores or None, in the listing's
    order): competition ranking, ties sharing a rank; None has no rank.
    Returns (ranks in the same order, the order to list them in)."""
    order = sorted(range(len(scores)), key=lambda i: (scores[i] is None, -(scores[i] or 0), i))
    ranks, previous, place = [None] * len(scores), None, 0
    for position, i in enumerate(order, start=1):
        if scores[i] is None:
            continue
        if scores[i] != previous:
            place, previous = position, scores[i]
        ranks[i] = place
    return ranks, order
