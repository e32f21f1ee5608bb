"""What the check page "Kiểm tra quy trình" flags (issue 22).

A document is stuck when its state asks something of someone (someone
waits on it, or its phase is not over) and no one present may take a step
out of it: the state has no user step left, or only steps whose guard no
role held in the agency, or on the document, passes. A state no one waits
on is one whose meaning names nobody though its phase is not over: the
document would sit in no one's "Việc của tôi" (Quy chế: each document has
someone responsible for its next step; NĐ 30/2020 Điều 24, the processing
is followed to the end).
"""

#: a phase in which nothing is expected any more
OVER = ("done", "stopped")
#: roles of the site's managers: they can do anything, but no document
#: waits on them (they are not the agency's people)
NOT_THE_AGENCYS = frozenset({"Manager", "Site Administrator"})


def expects_a_step(phase, someone_waits):
    """The state asks for a next step."""
    return someone_waits or (bool(phase) and phase not in OVER)


def present(roles):
    """The roles that count as the agency's people holding them."""
    return frozenset(roles) - NOT_THE_AGENCYS


def passable(actions, roles):
    """Some user step of ``actions`` ({transition: roles passing its guard,
    or None for no narrowing}) is open to someone holding ``roles``."""
    return any(allowed is None or set(allowed) & set(roles) for allowed in actions.values())


def is_stuck(phase, someone_waits, actions, roles):
    """A document in this state, with these roles present, is stuck."""
    return expects_a_step(phase, someone_waits) and not passable(actions, present(roles))


def waits_on_no_one(phase, someone_waits):
    """A state whose phase is not over that names no one to wait on it."""
    return not someone_waits and bool(phase) and phase not in OVER
