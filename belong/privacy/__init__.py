"""Privacy (an orchestrator): a person's data exported and erased across every app."""
