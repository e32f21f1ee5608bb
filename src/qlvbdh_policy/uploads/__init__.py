"""A document's main file on its way in (issue 14: registration time does
not depend on the attachment): written once into its blob
(``blob_writing``), and for REST clients uploaded before the registration
that then names it (``store``, ``services``)."""
