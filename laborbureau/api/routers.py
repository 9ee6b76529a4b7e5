"""Mounts every app's router under /api/v1/. Add a line here for a new app."""

from laborbureau.api.urls import api

ROUTERS = [
    # (prefix, "module path of a `router`")
    ("fines", "laborbureau.fines.api"),
]

for prefix, module_path in ROUTERS:
    module = __import__(module_path, fromlist=["router"])
    api.add_router(f"v1/{prefix}", module.router)
