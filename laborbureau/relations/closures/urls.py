"""Pages of 關廠歇業事實認定 Closure determinations: portal pages under /portal/, staff pages under /staff/."""

urlpatterns: list = []
