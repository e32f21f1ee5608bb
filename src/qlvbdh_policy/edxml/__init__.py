"""edXML, the message format agencies' document systems exchange documents in
(QCVN 102:2016/BTTTT; status codes of Quyết định 28/2018/QĐ-TTg).

Pure: no Zope imports. ``reader`` turns a message into the plain data of
``message``, ``writer`` turns that data back into XML, ``codes`` holds the
closed lists (status codes, business types, priorities, steering types).
Bad input raises ``message.EdxmlError`` naming the reason and the field.
"""
