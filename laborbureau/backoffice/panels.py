"""Program panels on the generic case page (/staff/cases/<number>/).

A program shows its domain record (a complaint's allegations, an inspection's
findings) beside the case header without the back office knowing the program. Two
ways to provide one, both keyed by case type:

- the workflow's `staff_panel` attribute (cases.workflows.Workflow), the preferred
  one, since programs must not import the back office (import-linter contract);
- `register(case_type, panel)` here, for code that may import the back office
  (its own tests, site-specific add-ons).

A panel is `panel(request, case)` (registry) or `panel(case, viewer)` (workflow) and
returns None (nothing to show), an HTML string (escaped unless marked safe), or a
`(template_name, context)` pair rendered with the request. Its own headings start
at <h2>, since the page's <h1> is the case number.
"""

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from laborbureau.cases import workflows

_PANELS: dict[str, list[Callable]] = {}


def register(case_type: str, panel: Callable) -> Callable:
    """Add a panel for `case_type`; usable as a decorator factory's target."""
    _PANELS.setdefault(case_type, []).append(panel)
    return panel


def unregister(case_type: str, panel: Callable) -> None:
    if panel in _PANELS.get(case_type, []):
        _PANELS[case_type].remove(panel)


def _as_html(result, request) -> SafeString | None:
    if result is None or result == "":
        return None
    if isinstance(result, tuple) and len(result) == 2:
        template_name, context = result
        return SafeString(render_to_string(template_name, context, request=request))
    return conditional_escape(result)


def render_panels(request, case) -> list[SafeString]:
    """The HTML of every panel for this case's type, in registration order."""
    html = []
    try:
        workflow = workflows.get(case.case_type)
    except KeyError:
        workflow = None
    staff_panel = getattr(workflow, "staff_panel", None) if workflow else None
    if staff_panel is not None:
        html.append(_as_html(staff_panel(case, request.user), request))
    for panel in _PANELS.get(case.case_type, []):
        html.append(_as_html(panel(request, case), request))
    return [part for part in html if part]


def render_employer_panels(request, employer) -> list[SafeString]:
    """The HTML of the programs' panels on the employer page (core.panels)."""
    from laborbureau.core import panels as core_panels

    html = [_as_html(panel(employer, request.user), request) for panel in core_panels.employer_panels()]
    return [part for part in html if part]
