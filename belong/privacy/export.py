"""A person's data as a zip of plain files (GDPR Art. 15 and 20): one JSON file and one CSV
file per kind of data, in a folder per part of Belong, a README that says what each file
holds, and everything once more in `all.json`. Every app contributes through its own
`privacy.py` (see `belong.privacy.registry`)."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.utils.translation import gettext as _

from belong.accounts.models import User
from belong.core import clock
from belong.privacy.registry import export_personal_data


def _table(rows: list) -> tuple[list[str], list[list]]:
    """Columns and rows of plain values (nested lists and objects as JSON text)."""
    if rows and all(isinstance(row, dict) for row in rows):
        columns = list(dict.fromkeys(key for row in rows for key in row))
        return columns, [[_cell(row.get(key)) for key in columns] for row in rows]
    return ["value"], [[_cell(row)] for row in rows]


def _cell(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def export_tables(user: User) -> list[dict]:
    """The export as tables, one per kind of data: what the CSV files and the API hold."""
    tables = []
    for app, parts in export_personal_data(user).items():
        for kind, value in parts.items():
            columns, rows = _table(value if isinstance(value, list) else [value])
            tables.append({"app": app, "kind": kind, "columns": columns, "rows": rows})
    return tables


def _csv(rows: list) -> str:
    out = io.StringIO()
    columns, table = _table(rows)
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(table)
    return out.getvalue()


def _readme(user: User, data: dict[str, dict], made_at) -> str:
    lines = [
        _("Your data from Belong"),
        "",
        _("Made %(moment)s for %(name)s.")
        % {"moment": made_at.isoformat(), "name": user.display_name},
        "",
        _(
            "Each folder is a part of Belong. Every kind of data is there twice: as a .json "
            "file and as a .csv file, which opens in a spreadsheet. all.json holds everything "
            "in one file."
        ),
        _(
            "conversation_messages holds every message in your conversations as you see them; "
            "a message hidden while a moderator looks at it is left out."
        ),
        "",
        _("Files:"),
    ]
    for app, parts in data.items():
        for key, value in parts.items():
            count = len(value) if isinstance(value, list) else 1
            lines.append(f"  {app}/{key}.json  {app}/{key}.csv  ({count})")
    lines += [
        "",
        _("Questions about your data: write to your municipality (see the privacy notice)."),
        "",
    ]
    return "\n".join(lines)


def build_export_zip(user: User) -> bytes:
    """The zip a citizen downloads: README.txt, all.json and <app>/<kind>.json and .csv."""
    made_at = clock.now()
    data = export_personal_data(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme(user, data, made_at))
        archive.writestr("all.json", json.dumps(data, ensure_ascii=False, indent=2))
        for app, parts in data.items():
            for key, value in parts.items():
                archive.writestr(
                    f"{app}/{key}.json", json.dumps(value, ensure_ascii=False, indent=2)
                )
                archive.writestr(
                    f"{app}/{key}.csv", _csv(value if isinstance(value, list) else [value])
                )
    return buffer.getvalue()


def export_filename(user: User) -> str:
    return f"belong-mine-data-{clock.today().isoformat()}.zip"
