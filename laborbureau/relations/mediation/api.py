"""REST endpoints of 勞資爭議調解 Labor-dispute mediation."""

from ninja import Router

router = Router(tags=["mediation"])
