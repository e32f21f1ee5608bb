"""The states of the shipped document workflows, named once (issue 17):
the pages, counts and mails that group documents by state read these
groups instead of each writing its own list. (Issue 22 makes the groups
follow states a site manager adds through the web.)"""

#: every state of the incoming workflows, in the order a document passes them
INCOMING = ("pending", "registered", "submitted", "assigned", "in_progress", "completed",
            "filed", "returned", "recalled")
#: every state of the outgoing workflow, in order
OUTGOING = ("draft", "review", "signing", "signed", "issued", "archived", "recalled")

#: an outgoing document still being drafted: comments are asked on it
OUTGOING_DRAFTING = ("draft",)

#: incoming documents registered in a book and not sent back or recalled
INCOMING_REGISTERED = ("registered", "submitted", "assigned", "in_progress", "completed",
                       "filed")
#: registered, not yet done: with the leader or the handlers
INCOMING_IN_HAND = ("submitted", "assigned", "in_progress")
#: registered and done: completed by the handler, filed
INCOMING_DONE = ("completed", "filed")
#: registered and not yet done: with the clerk, the leader or the handlers
INCOMING_OPEN = tuple(s for s in INCOMING_REGISTERED if s not in INCOMING_DONE)
#: with the handlers
INCOMING_BEING_HANDLED = ("assigned", "in_progress")
#: the states a book lists (NĐ 30/2020 Phụ lục IV: what was registered or issued)
INCOMING_IN_BOOK = INCOMING_REGISTERED + ("returned", "recalled")
OUTGOING_IN_BOOK = ("issued", "archived", "recalled")
#: issued and not recalled: what the agency sent out
OUTGOING_ISSUED = ("issued", "archived")
#: someone still has to act (the daily deadline mail)
ACTIVE = ("pending",) + INCOMING_REGISTERED[:-1] + ("draft", "review", "signing", "signed")
