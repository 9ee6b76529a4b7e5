"""REST endpoints of 義務律師諮詢 Volunteer-lawyer advice."""

from ninja import Router

router = Router(tags=["advice"])
