"""Steps that would leave a document stuck are refused (issue 22).

A site manager may add a transition in the ZMI that leads into a state
waiting for the main handler (``waiting_for = handler``, like "Đã phân
công") from a state where no one was given the document: DCWorkflow would
take it, and the document would wait for nobody, with no step anyone may
take. The step is refused before it happens, with the sentence the state
menu, the step forms and REST show (Quy chế Điều 9: the leader's direction
names the main handler).
"""

from qlvbdh_policy import _
from qlvbdh_policy import roles as R
from qlvbdh_policy.content.validation import StepRefused
from qlvbdh_policy.routing import role_assignments as ra
from qlvbdh_policy.rules import state_meanings as M
from qlvbdh_policy.workflows import meanings

MSG_NO_HANDLER = _(
    "“${step}” leads to “${state}”, which waits for the main handler, but no one has been "
    "given this document: use “Assign” (or “Forward”) to name the handler first."
)


def needs_handler(workflow, new_state_id):
    """The state ``new_state_id`` of ``workflow`` waits for the main handler."""
    return meanings.meaning_of(workflow, new_state_id).who[0] == M.HANDLER


def on_before_transition(doc, event):
    """Refuse a step into a state waiting for the handler when the
    document has none (``assign`` and ``forward`` grant him first)."""
    if event.new_state is None or event.workflow is None:
        return
    if not needs_handler(event.workflow, event.new_state.getId()):
        return
    if ra.principals_with(doc, R.HANDLER):
        return
    transition = event.transition
    raise StepRefused(MSG_NO_HANDLER, {
        "step": _(transition.title or transition.getId()) if transition is not None else "",
        "state": _(event.new_state.title or event.new_state.getId())}, "transition")
