"""Hồ sơ: the yearly file plan and the case files (issue 19)."""
