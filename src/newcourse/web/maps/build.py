"""Make ``europe.json``, the web player's map, from Natural Earth's 1:110m countries.

Run once, when the map should change, on ``countries-110m.json`` of the npm package
``world-atlas`` (Natural Earth 4.1.0 as TopoJSON; see SOURCE.md)::

    npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    python -m newcourse.web.maps.build package/countries-110m.json

Each frame (Europe, and East Asia for the fronts beyond it) is projected on its own
(equirectangular, stretched by the cosine of its middle latitude, north up), in
tenths of a degree rounded to whole units, and keeps the countries that reach into
it as SVG path data. Nothing here runs in the game: it reads the shipped JSON.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any, NamedTuple

__all__ = ["FRAMES", "build", "main"]

OUT = Path(__file__).resolve().parent / "europe.json"
UNITS = 10  # map units per degree of latitude


class Frame(NamedTuple):
    """A part of the world drawn as one map: west, south, east and north in degrees."""

    id: str
    label: str
    west: float
    south: float
    east: float
    north: float


FRAMES = (
    Frame("europe", "Europe", -11.0, 34.5, 50.0, 64.0),
    Frame("east_asia", "East Asia", 72.0, 17.0, 136.0, 54.0),
)
ALIASES = {
    "United Kingdom": ["britain", "great britain", "england"],
    "Russia": ["soviet union", "ussr", "russia"],
    "China": ["china"],
    "Germany": ["germany"],
}
"""Other names a front may go by (a front is placed by its id or its label)."""


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs in degrees (longitude, latitude), undoing the delta encoding."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indices: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def _polygons(geometry: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> list[Any]:
    if geometry.get("type") == "Polygon":
        return [[_ring(arcs, ring) for ring in geometry["arcs"]]]
    if geometry.get("type") == "MultiPolygon":
        return [[_ring(arcs, ring) for ring in polygon] for polygon in geometry["arcs"]]
    return []


def _project(frame: Frame, lon: float, lat: float) -> tuple[int, int]:
    stretch = math.cos(math.radians((frame.south + frame.north) / 2))
    return round((lon - frame.west) * stretch * UNITS), round((frame.north - lat) * UNITS)


def _path(frame: Frame, polygons: list[Any]) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            lons = [lon for lon, _ in ring]
            lats = [lat for _, lat in ring]
            if (
                max(lons) < frame.west
                or min(lons) > frame.east
                or max(lats) < frame.south
                or min(lats) > frame.north
            ):
                continue  # a ring wholly outside the frame
            points = [_project(frame, lon, lat) for lon, lat in ring]
            kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
            if len(kept) < 3:
                continue
            head, *rest = kept
            parts.append(f"M{head[0]} {head[1]}" + "".join(f"L{x} {y}" for x, y in rest) + "Z")
    return "".join(parts)


def build(topology: dict[str, Any]) -> dict[str, Any]:
    """The map's data: for each frame its size and the countries that reach into it."""
    arcs = _arcs(topology)
    countries = topology["objects"]["countries"]["geometries"]
    frames = []
    for frame in FRAMES:
        width, height = _project(frame, frame.east, frame.south)
        shapes = []
        for country in countries:
            name = country["properties"]["name"]
            path = _path(frame, _polygons(country, arcs))
            if path:
                shapes.append({"id": str(country.get("id", name)), "name": name, "path": path})
        frames.append(
            {
                "id": frame.id,
                "label": frame.label,
                "width": width,
                "height": height,
                "countries": shapes,
            }
        )
    return {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), version 4.1.0, "
        "as TopoJSON in the npm package world-atlas 2.0.2; see SOURCE.md",
        "aliases": ALIASES,
        "frames": frames,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m newcourse.web.maps.build countries-110m.json", file=sys.stderr)
        return 2
    data = build(json.loads(Path(argv[0]).read_text(encoding="utf-8")))
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
