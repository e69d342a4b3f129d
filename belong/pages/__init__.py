"""The pages that belong to no single app: front page, about, accessibility, health, advice,
and the answer to a passed rate limit (top layer; their templates live in core)."""
