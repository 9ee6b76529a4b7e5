"""Pages of 大量解僱 Mass layoffs: portal pages under /portal/, staff pages under /staff/."""

urlpatterns: list = []
