"""edXML exchange with agencies outside the province through the national
document hub (QCVN 102:2016/BTTTT; Quyết định 28/2018/QĐ-TTg): the outbox
of messages the hub adapter carries, the messages issuing produces, and the
statuses recipients report back."""
