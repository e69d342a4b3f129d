"""The JSON API at /api/v1/: a thin router per app over the same services as the pages."""
