"""Path-template router over the static spec table (:mod:`._spec_routes`).

Literal segments win over ``{param}`` segments, the way Immich's controllers declare
``/assets/statistics`` before ``/assets/{id}``. Lookups are a dict hit on (method, number of
segments) followed by a scan of the few templates of that shape.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._spec_routes import SPEC_ROUTES, SpecRoute

__all__ = ["Match", "Router", "default_router"]


@dataclass(frozen=True)
class Match:
    route: SpecRoute
    params: dict[str, str]


class Router:
    def __init__(self, routes: tuple[SpecRoute, ...] = SPEC_ROUTES) -> None:
        self._table: dict[
            tuple[str, int], list[tuple[tuple[str | None, ...], tuple[str, ...], SpecRoute]]
        ] = {}
        for route in routes:
            segments = _split(route.path)
            pattern = tuple(None if s.startswith("{") else s for s in segments)
            names = tuple(s[1:-1] for s in segments if s.startswith("{"))
            self._table.setdefault((route.method, len(segments)), []).append(
                (pattern, names, route)
            )
        for entries in self._table.values():
            # more literal segments first, and literals earlier in the path first
            entries.sort(key=lambda e: tuple(0 if s is not None else 1 for s in e[0]))

    def match(self, method: str, path: str) -> Match | None:
        """Match ``path`` (without the ``/api`` prefix); HEAD falls back to GET like Express."""
        segments = _split(path)
        if any(s == "" for s in segments):
            return None
        found = self._match(method, segments)
        if found is None and method == "HEAD":
            found = self._match("GET", segments)
        return found

    def _match(self, method: str, segments: list[str]) -> Match | None:
        for pattern, names, route in self._table.get((method, len(segments)), ()):
            values: list[str] = []
            for want, got in zip(pattern, segments, strict=True):
                if want is None:
                    values.append(got)
                elif want != got:
                    break
            else:
                return Match(route, dict(zip(names, values, strict=True)))
        return None


def _split(path: str) -> list[str]:
    path = path.strip("/")
    return path.split("/") if path else []


default_router = Router()
