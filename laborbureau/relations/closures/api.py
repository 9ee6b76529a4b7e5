"""REST endpoints of 關廠歇業事實認定 Closure determinations."""

from ninja import Router

router = Router(tags=["closures"])
