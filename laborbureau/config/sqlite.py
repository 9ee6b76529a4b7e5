"""SQLite from the pinned `pysqlite3-binary` wheel instead of the system's library.

Why: the system's SQLite (Debian 12: 3.40.1) returns too few rows from an FTS5 query
that ANDs terms when the rows are read in descending rowid order, which is how the
search reads the newest matches (`search.backends.SqliteBackend._relevance_page`). On
the 200,000-ad demo, 司機 in one district matched 3,969 ads counted forward and 976
read newest first; 3.51.1 returns all 3,969 both ways. The wheel links SQLite 3.51.1
statically, so every machine runs the same, fixed version (`make install` pins it).

`use_pinned_sqlite()` runs from the settings module, before Django imports its SQLite
backend (`from sqlite3 import dbapi2`), which then finds this module. A system check
(`search.checks`, search.E001) refuses an older library.
"""

import sys

MINIMUM_SQLITE = (3, 51, 0)


def use_pinned_sqlite() -> None:
    try:
        import pysqlite3  # noqa: PLC0415 (optional until installed: the check says why it matters)
        import pysqlite3.dbapi2  # noqa: PLC0415
    except ImportError:
        return
    sys.modules["sqlite3"] = pysqlite3
    sys.modules["sqlite3.dbapi2"] = pysqlite3.dbapi2
