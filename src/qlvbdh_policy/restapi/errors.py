"""Validation errors as JSON that names each field, in Vietnamese."""

from zope.i18n import translate


def field_errors(exc, request):
    """The list of {field, message} from a deserializer's BadRequest, or None."""
    args = getattr(exc, "args", ())
    if not args or not isinstance(args[0], list):
        return None
    errors = []
    for item in args[0]:
        if not isinstance(item, dict):
            continue
        errors.append(
            {
                "field": item.get("field"),
                "message": translate(item.get("message", ""), context=request),
            }
        )
    return errors


def validation_error_body(errors):
    message = "; ".join(
        f"{e['field']}: {e['message']}" if e.get("field") else e["message"] for e in errors
    )
    return {"error": {"type": "ValidationError", "message": message, "errors": errors}}
