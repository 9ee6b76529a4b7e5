"""Pages of 義務律師諮詢 Volunteer-lawyer advice: portal pages under /portal/, staff pages under /staff/."""

urlpatterns: list = []
