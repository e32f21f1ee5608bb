"""Messages in Vietnamese: every page, mail, export and REST refusal speaks
it, whatever language a browser asks for. One helper, so no caller forgets
the language."""

from zope.i18n import translate

LANGUAGE = "vi"


def in_vietnamese(message, request=None, domain=None):
    """``message`` (a msgid of this add-on, or of ``domain``) in Vietnamese.
    ``request`` lets Zope find the translation domain's negotiator; it does
    not choose the language."""
    options = {"domain": domain} if domain else {}
    return translate(message, context=request, target_language=LANGUAGE, **options)
