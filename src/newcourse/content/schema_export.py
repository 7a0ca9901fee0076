"""Writing the JSON Schemas of the campaign files, for editors.

Run ``python -m newcourse.content.schema_export docs/schema`` (or ``make schema``)
after changing ``schema.py``; a test fails while the files are out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .schema import SCHEMAS

__all__ = ["render_schemas", "write_schemas"]


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
    for written_path in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/schema")):
        print(written_path)
