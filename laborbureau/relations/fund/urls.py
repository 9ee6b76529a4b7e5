"""Pages of 勞工權益基金 Labor Rights Fund: portal pages under /portal/, staff pages under /staff/."""

urlpatterns: list = []
