"""Moderation (an orchestrator): reports about posts, profiles and messages, the queue per
municipality, decisions, notices and appeals. It acts on the domains through their services."""
