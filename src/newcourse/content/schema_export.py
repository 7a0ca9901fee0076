"""Writing the JSON Schemas of the campaign files, for editors.

Run ``python -m newcourse.content.schema_export`` (or ``make schema``) after
changing ``schema.py``: it writes them into the package (``newcourse/schema/``,
shipped in the wheel) and into ``docs/schema/`` for editors working in the
repository; a test fails while either copy is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .schema import SCHEMAS

__all__ = ["PACKAGED", "render_schemas", "write_schemas"]

PACKAGED = Path(__file__).resolve().parent.parent / "schema"


def render_schemas() -> dict[str, str]:
    """Each schema's file name and its JSON text."""
    rendered = {}
    for name, model in SCHEMAS.items():
        schema: dict[str, Any] = model.model_json_schema(by_alias=True)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{name}.schema.json"
        schema.setdefault("title", model.__name__)
        rendered[f"{name}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return rendered


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, text in render_schemas().items():
        path = folder / file_name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for folder in [Path(arg) for arg in sys.argv[1:]] or [PACKAGED, Path("docs/schema")]:
        for written_path in write_schemas(folder):
            print(written_path)
