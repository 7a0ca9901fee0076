"""The minutes as people read them: named by the council's join code, and what members
wrote shown as they typed it, whatever Markdown would have made of it."""

from __future__ import annotations

from markdown_it import MarkdownIt

from newcourse.council import minutes_data, minutes_markdown
from newcourse.engine import Campaign

from .helpers import START, council_of

TYPED = (
    "I <b>really</b> mean it & more",
    "# not a heading",
    "> not a quote",
    "- not a list",
    "1. not numbered",
    "*stars* and _underscores_ and `ticks` and [a](link) ~x~ a|b \\ end",
)


def test_the_minutes_are_named_by_the_join_code_not_the_councils_id(real: Campaign) -> None:
    council = council_of(real, "Boris")
    text = minutes_markdown(council.state)
    assert text.startswith("# Minutes of council RED123\n") and "c1" not in text.split("\n")[0]
    data = minutes_data(council.state)
    assert data["code"] == "RED123" and data["council"] == "c1"


def test_what_members_wrote_reads_as_typed_in_the_markdown(real: Campaign) -> None:
    council = council_of(real, "B<i>oris</i>")
    council.post("m2", 1, "for", "\n".join(TYPED), START + 5)
    text = minutes_markdown(council.state)
    assert "<b>" not in text and "<i>" not in text
    shown = MarkdownIt("commonmark").render(text)
    assert "<b>" not in shown and "<h1>not" not in shown and "<blockquote>" not in shown
    assert "<em>" not in shown and "<code>" not in shown and "<a href" not in shown
    rendered = MarkdownIt("commonmark").renderInline(text.split("**B", 1)[1])
    for line in TYPED:
        plain = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert plain in rendered, line
    assert "B&lt;i&gt;oris&lt;/i&gt;" in shown
