"""The API's input layer: what every JSON body must be before any route reads it.

JSON may spell a lone UTF-16 surrogate (`"\\ud800"`), which Python reads into a string
that no database and no UTF-8 answer can hold; such a body is refused here, once, for
every route, with the usual error shape (422). A body over the upload limit is refused
as 413 (see `belong.api.main`)."""

from __future__ import annotations

import json
import re

from ninja.parser import Parser

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class UnreadableText(ValueError):
    """The body holds text that is not Unicode (a lone surrogate); `field` says where."""

    def __init__(self, field: str | None):
        super().__init__(field)
        self.field = field


def find_lone_surrogate(value, path: tuple = ()) -> tuple | None:
    """The path to the first string (key or value) in `value` holding a lone surrogate."""
    if isinstance(value, str):
        return path if LONE_SURROGATE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and LONE_SURROGATE.search(key):
                return (*path, key)
            found = find_lone_surrogate(item, (*path, key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = find_lone_surrogate(item, (*path, index))
            if found is not None:
                return found
    return None


class BelongParser(Parser):
    def parse_body(self, request):
        data = json.loads(request.body)
        found = find_lone_surrogate(data)
        if found is not None:
            field = ".".join(str(part) for part in found) or None
            # A key that is itself unreadable cannot be named back in a UTF-8 answer.
            if field is not None and LONE_SURROGATE.search(field):
                field = None
            raise UnreadableText(field)
        return data
