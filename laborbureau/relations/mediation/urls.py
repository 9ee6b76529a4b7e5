"""Pages of 勞資爭議調解 Labor-dispute mediation: portal pages under /portal/, staff pages under /staff/."""

urlpatterns: list = []
