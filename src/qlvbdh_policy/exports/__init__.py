"""Helpers shared by every export (register books, search results, account
import results): PDF and XLSX writing that no stored value can break."""
