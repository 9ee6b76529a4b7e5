"""REST endpoints of 大量解僱 Mass layoffs."""

from ninja import Router

router = Router(tags=["layoffs"])
