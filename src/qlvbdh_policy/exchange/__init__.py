"""Exchange of documents with organisations outside the province through
edXML (QCVN 102:2016/BTTTT; status codes of Quyết định 28/2018/QĐ-TTg)
and the national document hub (trục liên thông văn bản quốc gia): the
directory of external organisations (``directory``), the inbox of received
messages and the statuses the receiving agency reports back (``inbox``,
``changes``, ``status_out``), the outbox of messages the hub adapter
carries, the messages issuing produces and the statuses recipients report
back (``outbox``, ``compose``, ``sending``, ``status_in``).

Who talks to the hub is an account of the hub adapter holding the role
``HubAdapter`` (``roles.HUB_ADAPTER``), which gives it the permission
``ExchangeEdxml`` (``permissions.ExchangeEdxml``) and nothing else: it
posts received messages and fetches the ones to send; it opens no
document.
"""
