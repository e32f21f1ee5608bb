"""Filling a Classic UI form over HTTP as a browser would: what the page's
form sends (its hidden fields, authenticator, checked boxes, selected
options) with the test's changes, posted with one of its buttons."""

from lxml import html


def form_of(page, form_id=None):
    """The page's form and what a browser would send of it (no button)."""
    tree = html.fromstring(page.text)
    forms = [f for f in tree.forms if form_id is None or f.get("id") == form_id]
    form = next(f for f in forms if f.inputs.keys() and "_authenticator" in f.inputs.keys())
    return form, list(form.form_values())


def submit(s, url, changes, button="form.buttons.save", files=None, form_id=None,
           label="Lưu"):
    """GET ``url`` with the session ``s``, POST its form back to ``url``."""
    page = s.get(url, timeout=60)
    assert page.status_code == 200, page.status_code
    _form, values = form_of(page, form_id)
    values = [(k, v) for k, v in values if k not in changes] + list(changes.items())
    values.append((button, label))
    return s.post(url, data=values, files=files, timeout=60)
