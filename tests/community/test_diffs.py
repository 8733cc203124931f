"""The editors' review diff: only the changed lines, a little context, the changed words
marked, everything escaped."""

import re

from cdthub.community.diffs import changes

RELATED = [{"code": f"D01{n:02d}", "note": f"note {n}"} for n in range(20, 40)]


def test_only_changed_lines_with_two_lines_of_context_and_a_gap_between():
    after = [dict(r) for r in RELATED]
    after[3]["note"] = "changed near the top"
    after[17]["note"] = "changed near the end"
    html = changes("related", RELATED, after)
    assert html.count('class="same"') == 8  # two above and two below each change
    assert html.count('class="gap"') == 1
    assert "D0120" not in html and "D0130" not in html  # far from both changes
    text = re.sub(r"<[^>]+>", "", html)
    assert "Removed: D0123 - note 23" in text and "Added: D0123 - changed near the top" in text
    assert "Added: D0137 - changed near the end" in text


def test_a_changed_line_marks_its_words():
    html = changes(
        "summary",
        "First. The fee is paid once a year. Last.",
        "First. The fee is paid twice a year. Last.",
    )
    assert "The fee is paid <del>once</del> a year." in html
    assert "The fee is paid <ins>twice</ins> a year." in html


def test_text_is_escaped():
    html = changes("other", "", "<script>alert(1)</script> is not run.")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_no_change_says_so():
    assert "No change." in changes("related", RELATED, RELATED)
