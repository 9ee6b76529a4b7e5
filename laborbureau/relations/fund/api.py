"""REST endpoints of 勞工權益基金 Labor Rights Fund."""

from ninja import Router

router = Router(tags=["fund"])
