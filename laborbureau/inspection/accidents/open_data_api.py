"""The public accident data's router, mounted at /api/v1/open-data (see api.py)."""

from laborbureau.inspection.accidents.api import open_data_router as router

__all__ = ["router"]
