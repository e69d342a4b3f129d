"""Assisted sign-up: staff make a citizen's account and first post with them present (an
orchestrator: it acts on accounts and posts), and personal-code login for citizens without
e-mail."""
