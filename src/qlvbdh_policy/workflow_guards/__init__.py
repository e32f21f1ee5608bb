"""Guardrails around the workflows site managers change through the web
(issue 22): the ZMI's chain screens and deletions refused where documents
would lose their place, the check page "Kiểm tra quy trình"."""
