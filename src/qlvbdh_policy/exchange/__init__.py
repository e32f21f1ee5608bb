"""Exchange of documents with organisations outside the province's system
through edXML (QCVN 102:2016/BTTTT; status codes of Quyết định
28/2018/QĐ-TTg): the directory of external organisations, the inbox of
received messages and the statuses the receiving agency reports back (this
helper's part); the outbox of messages sent (``outbox``, ``status_in``).

Who talks to the national hub (trục liên thông văn bản quốc gia) is an
account of the hub adapter holding the role ``HubAdapter``
(``roles.HUB_ADAPTER``), which gives it the permission ``ExchangeEdxml``
(``permissions.ExchangeEdxml``) and nothing else: it posts received
messages and fetches the ones to send, it reads no document.
"""
