"""Programs' panels on the foundation's employer page (/staff/employers/<id>/).

A program shows its own history with an employer (inspections, stop-work orders…) on
the employer page without the core or the back office knowing the program: it
registers `panel(employer, viewer)` from its app's `ready()`. A panel returns None
(nothing to show) or a `(template_name, context)` pair; its headings start at <h2>.
A panel must read a bounded number of rows in a constant number of queries, since the
employer page shows every program's panel.
"""

from collections.abc import Callable

_EMPLOYER_PANELS: list[Callable] = []


def employer_panel_register(panel: Callable) -> Callable:
    if panel not in _EMPLOYER_PANELS:
        _EMPLOYER_PANELS.append(panel)
    return panel


def employer_panels() -> list[Callable]:
    return list(_EMPLOYER_PANELS)
