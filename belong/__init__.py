"""Belong: a citizen-to-citizen platform for finding friends, activity partners and communities."""
