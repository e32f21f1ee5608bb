"""Oversight of the province: usage counts, the access log; never the
documents' contents."""
