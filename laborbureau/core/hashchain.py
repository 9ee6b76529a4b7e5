"""Tamper evidence for append-only logs: each entry carries the hash of the one before.

hash = SHA-256(prev_hash || canonical JSON of the entry's fields). Changing a field,
deleting an entry or inserting one behind the application's back breaks the chain at
that point, which `manage.py verify_audit` reports.
"""

import hashlib
import json
from datetime import UTC, date, datetime
from decimal import Decimal

GENESIS = "0" * 64


def _default(value):
    if isinstance(value, datetime):
        # Databases hand datetimes back in UTC: hash them in UTC so a re-read matches.
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"unhashable field value {value!r}")


def entry_hash(prev_hash: str, fields: dict) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_default)
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()
