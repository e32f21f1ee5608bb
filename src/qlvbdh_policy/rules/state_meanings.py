"""What a workflow state means to the system, read from the values a site
manager gives the state (issue 22): who must act on a document in it, what
that task is called, whether it is new, in hand, done or stopped, whether
it stands in the register book and whether its deadline counts.

The values live on the workflow (DCWorkflow state variables, the ZMI
state's "Variables" tab; ``<assignment>`` in the profile's
definition.xml), so a state added through the web reaches "Việc của tôi",
the books' filters, search and the statistics without a line of code.
The ZMI stores every value as text: "True", "có", "1" … are read here.

Why these five: Quy chế Điều 8–10 (the clerk registers and submits, the
leader directs, the handler handles and files), NĐ 30/2020 Điều 11, 22 and
Phụ lục IV (the book lists what was registered or issued), Phụ lục VI V
(the oversight counts: registered, completed, still in hand, overdue).
No Zope import: plain unit tests.
"""

from dataclasses import dataclass

#: the state variables, in the order the ZMI and the guide show them
WAITING_FOR, TASK, PHASE, IN_BOOK, COUNTS_OVERDUE = (
    "waiting_for", "task", "phase", "in_book", "counts_overdue")
VARIABLES = (WAITING_FOR, TASK, PHASE, IN_BOOK, COUNTS_OVERDUE)
#: what each variable says, for the workflow's variable descriptions
DESCRIPTIONS = {
    WAITING_FOR: "Người phải xử lý ở trạng thái này: clerk (văn thư), leader (lãnh đạo), "
                 "handler (người xử lý chính), drafter (người soạn), reviewer (lãnh đạo "
                 "phòng duyệt), role:<Vai trò>, group:<hậu tố nhóm của cơ quan>, nobody "
                 "(không ai)",
    TASK: "Việc hiện trong \"Việc của tôi\": accept, submit, assign, opinion, handle, file, "
          "draft, review, sign, issue",
    PHASE: "Giai đoạn: new (chưa vào sổ), in_hand (đang giải quyết), done (đã xong), "
           "stopped (trả lại, thu hồi)",
    IN_BOOK: "Có trong sổ văn bản (True/False)",
    COUNTS_OVERDUE: "Tính quá hạn khi quá hạn xử lý (True/False)",
}

CLERK, LEADER, HANDLER, DRAFTER, REVIEWER, NOBODY = (
    "clerk", "leader", "handler", "drafter", "reviewer", "nobody")
#: who may be waited for by a word of their own; ``role:<Role>`` and
#: ``group:<suffix>`` name anyone else (a deputy leader's group …)
WAITING_WORDS = (CLERK, LEADER, HANDLER, DRAFTER, REVIEWER, NOBODY)
ROLE_PREFIX, GROUP_PREFIX = "role:", "group:"

NEW, IN_HAND, DONE, STOPPED = "new", "in_hand", "done", "stopped"
PHASES = (NEW, IN_HAND, DONE, STOPPED)

#: the tasks "Việc của tôi" names (routing/my_work.TASK_TITLES); any other
#: task is shown as the generic ACT
TASKS = ("accept", "submit", "assign", "opinion", "handle", "file", "draft", "review", "sign",
         "issue")
ACT = "act"

TRUE_WORDS = ("true", "yes", "1", "on", "có", "x")
FALSE_WORDS = ("false", "no", "0", "off", "không", "")


@dataclass(frozen=True)
class Meaning:
    """One state's meaning; a state that declares nothing means nothing:
    nobody waits, it is in no count."""

    waiting_for: str = NOBODY
    task: str = ""
    phase: str = ""
    in_book: bool = False
    counts_overdue: bool = False

    @property
    def who(self):
        """(kind, argument): ('clerk', None), ('role', 'DeputyLeader'),
        ('group', 'deputies') …; ('nobody', None) for what is not understood."""
        return parse_waiting(self.waiting_for)

    @property
    def someone_waits(self):
        return self.who[0] != NOBODY

    @property
    def shown_task(self):
        """The task "Việc của tôi" shows for this state."""
        return self.task if self.task in TASKS else ACT


NOTHING = Meaning()


def parse_bool(value):
    """A state variable's truth, as the profile (bool) or the ZMI (text) stores it."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, (int, float)):
        return bool(value)
    return str(value).strip().lower() in TRUE_WORDS


def is_bool_word(value):
    return isinstance(value, (bool, int)) or value is None or \
        str(value).strip().lower() in TRUE_WORDS + FALSE_WORDS


def parse_waiting(value):
    """'clerk' → ('clerk', None); 'role:DeputyLeader' → ('role',
    'DeputyLeader'); 'group:deputies' → ('group', 'deputies'); anything
    else (blank, misspelt) → ('nobody', None)."""
    text = str(value or "").strip()
    low = text.lower()
    if low in WAITING_WORDS:
        return low, None
    for kind, prefix in (("role", ROLE_PREFIX), ("group", GROUP_PREFIX)):
        if low.startswith(prefix) and text[len(prefix):].strip():
            return kind, text[len(prefix):].strip()
    return NOBODY, None


def meaning_from(values):
    """The Meaning of a state from its variable values ({name: value}; a
    missing name takes the default)."""
    values = values or {}
    return Meaning(
        waiting_for=str(values.get(WAITING_FOR) or NOBODY).strip(),
        task=str(values.get(TASK) or "").strip().lower(),
        phase=str(values.get(PHASE) or "").strip().lower(),
        in_book=parse_bool(values.get(IN_BOOK)),
        counts_overdue=parse_bool(values.get(COUNTS_OVERDUE)),
    )


def problems(values):
    """[(variable, value)] whose value is not understood (the check page
    and the guard name them); a missing variable is no problem."""
    values = values or {}
    out = []
    if WAITING_FOR in values and str(values[WAITING_FOR] or "").strip().lower() != NOBODY \
            and parse_waiting(values[WAITING_FOR])[0] == NOBODY:
        out.append((WAITING_FOR, values[WAITING_FOR]))
    if str(values.get(TASK) or "").strip() and \
            str(values[TASK]).strip().lower() not in TASKS:
        out.append((TASK, values[TASK]))
    if str(values.get(PHASE) or "").strip() and \
            str(values[PHASE]).strip().lower() not in PHASES:
        out.append((PHASE, values[PHASE]))
    for name in (IN_BOOK, COUNTS_OVERDUE):
        if name in values and not is_bool_word(values[name]):
            out.append((name, values[name]))
    return out


# -- the groups of states the pages and counts read ---------------------------------
# (each a predicate on a Meaning: what rules/states.py listed as ids before)

GROUPS = {
    # arrived, not yet accepted into a book (chờ tiếp nhận)
    "new": lambda m: m.phase == NEW,
    # registered in a book and not sent back or recalled (NĐ 30 Phụ lục VI: "đã vào sổ")
    "registered": lambda m: m.in_book and m.phase in (IN_HAND, DONE),
    # registered, not yet done: with the clerk, the leader or the handlers
    "open": lambda m: m.in_book and m.phase == IN_HAND,
    # done: completed, filed (incoming); issued, filed (outgoing)
    "done": lambda m: m.phase == DONE,
    # issued or registered and not recalled (an outgoing book's "đã phát hành")
    "issued": lambda m: m.in_book and m.phase == DONE,
    # not yet registered nor done: an outgoing draft on its way to issue
    "unissued": lambda m: m.phase in (NEW, IN_HAND) and not m.in_book,
    # the states a book lists (NĐ 30/2020 Phụ lục IV)
    "in_book": lambda m: m.in_book,
    # the handlers have it
    "being_handled": lambda m: m.phase == IN_HAND and m.who[0] == HANDLER,
    # the drafter has it: comments are asked on it
    "drafting": lambda m: m.phase == IN_HAND and m.who[0] == DRAFTER,
    # someone still has to act (the daily deadline mail)
    "active": lambda m: m.someone_waits and m.phase in (NEW, IN_HAND, DONE),
    # its deadline counts: past it, the document is overdue
    "counts_overdue": lambda m: m.counts_overdue and m.phase in (NEW, IN_HAND),
}


def states_where(meanings, group):
    """The state ids of ``meanings`` ({state id: Meaning}) in ``group``."""
    test = GROUPS[group]
    return frozenset(state for state, meaning in meanings.items() if test(meaning))
