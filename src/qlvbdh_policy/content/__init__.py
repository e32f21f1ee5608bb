"""Dexterity types, one module each: schema and class."""

