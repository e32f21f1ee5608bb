"""MessageHeader/DocumentType of an outgoing edXML message (QCVN
102:2016/BTTTT): Type, TypeDetail, TypeName.

- Type: 1 văn bản hành chính, 2 văn bản quy phạm pháp luật.
- TypeName: the type's Vietnamese name as NĐ 30/2020 Phụ lục III writes it
  (the receiving side maps the message to its own types by this name;
  exchange/mapping.doc_type_token).
- TypeDetail: a code of the type, never the site's internal token
  (``cong_van``, ``quyet_dinh``). No public list of these codes was found
  (../shared/reference/edxml-notes.md); the only certain value is the one
  every published sample writes, Công văn → ``0``. Other types carry no
  TypeDetail rather than a guessed code.
"""

TYPE_ADMINISTRATIVE, TYPE_LEGAL = "1", "2"

#: the site's type token → TypeDetail, only where a published source shows it
TYPE_DETAILS = {"cong_van": "0"}


def document_type(token, title, legal=False):
    """(Type, TypeDetail or None, TypeName or None) of a document type."""
    return (TYPE_LEGAL if legal else TYPE_ADMINISTRATIVE,
            TYPE_DETAILS.get(token or ""), title or None)
