"""`/api/v1/employment-events`: briefings and workshops (the router lives in `api.py`)."""

from laborbureau.employment.certification.api import events_router as router

__all__ = ["router"]
