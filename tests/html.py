"""Validate rendered pages as HTML, so a broken template fails a test, not a user."""

import html5lib


def validate_html(content: bytes | str) -> None:
    parser = html5lib.HTMLParser(strict=True)
    try:
        parser.parse(content)
    except html5lib.html5parser.ParseError as error:
        lines = (content.decode() if isinstance(content, bytes) else content).splitlines()
        position = parser.errors[-1][0] if parser.errors else (0, 0)
        line = lines[position[0] - 1] if position[0] else ""
        raise AssertionError(f"Invalid HTML at {position}: {error}\n{line}") from error
