"""Duplicate and near-duplicate comments, as the moderation queue shows them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cdthub.catalog import snapshot
from cdthub.community import services
from cdthub.community.duplicates import DuplicateCheck, compare, normalise
from cdthub.community.models import Comment, Resemblance

pytestmark = pytest.mark.usefixtures("loaded_db")

QUEUE = "/community/moderation/"
TEXT = "Our payer wants the referral letter attached before they pay for this code."


def post(code="D9992", body=TEXT, email="pat@example.org", name="Pat Reader", **kw):
    found = snapshot.get().catalog.get(code)
    return services.post_comment(code=found, name=name, email=email, body=body, **kw)


def test_normalised_text_ignores_case_accents_punctuation_and_spacing():
    assert normalise("  Crème BRÛLÉE,\n\tplease!!  ") == "creme brulee please"


def test_compare_finds_the_same_and_nearly_the_same_text_best_first():
    found = compare(
        TEXT,
        [
            (1, "A completely different remark about sedation and monitoring.", False),
            (2, TEXT.upper() + "!!", False),
            (3, TEXT.replace("referral letter", "referal leter"), False),
        ],
        near=90,
        repeat=80,
        min_chars=15,
        keep=10,
    )
    assert [(m.other_id, m.score) for m in found][0] == (2, 100)
    assert [m.other_id for m in found] == [2, 3] and 90 <= found[1].score < 100


def test_the_same_author_is_flagged_at_a_lower_likeness():
    reworded = (
        "Our payer wants the referral letter attached before paying for this code, see D0120."
    )
    args = dict(near=90, repeat=80, min_chars=15, keep=10)
    assert compare(TEXT, [(1, reworded, False)], **args) == []
    assert [m.other_id for m in compare(TEXT, [(1, reworded, True)], **args)] == [1]


def test_short_texts_are_never_flagged():
    args = dict(near=90, repeat=80, min_chars=15, keep=10)
    assert compare("Thanks!", [(1, "Thanks!", True)], **args) == []


def test_a_near_duplicate_from_another_reader_is_flagged_on_the_queue(editor_client):
    first = post(code="D0120", name="First Reader", email="first@example.org")
    second = post(body=TEXT.replace("they pay", "they will pay"), name="Second Reader")
    assert list(second.resemblances.values_list("other", flat=True)) == [first.pk]
    assert not first.resemblances.exists()
    page = editor_client.get(QUEUE).content.decode()
    item = page[page.index(f'id="c{second.pk}"') :]
    assert "Near-duplicate of an earlier comment." in item
    assert "% like First Reader’s comment on" in item and "<code>D0120</code>" in item
    assert "awaiting moderation" in item and "Our payer wants the referral letter" in item
    # the earlier comment says that a later one reads like it
    earlier = page[page.index(f'id="c{first.pk}"') : page.index(f'id="c{second.pk}"')]
    assert "Later comments that read like this one:" in earlier
    assert f'href="?status=pending#c{second.pk}">Second Reader on <code>D9992</code></a>' in earlier
    assert "first@example.org" not in page and "pat@example.org" not in page


def test_the_same_text_is_called_a_duplicate(editor_client):
    post(name="First Reader", email="first@example.org")
    post(code="D0140", body=TEXT + "  ", email="other@example.org")
    page = editor_client.get(QUEUE).content.decode()
    assert "Duplicate of an earlier comment." in page and "Same text as First Reader’s" in page


def test_one_author_pasting_on_several_codes_is_called_spam_like(editor_client):
    for code in ("D0120", "D0140", "D0150"):
        post(code=code, email="spam@example.org", body=TEXT + f" See {code}.")
    last = post(code="D1110", email="Spam@Example.org", body=TEXT)
    assert last.resemblances.filter(same_author=True).count() == 3
    page = editor_client.get(QUEUE).content.decode()
    item = page[page.index(f'id="c{last.pk}"') :]
    assert "Spam-like: the same author wrote this on 3 other codes" in item
    assert "<code>D0120</code>, <code>D0140</code>, <code>D0150</code>" in item
    assert "like their own comment on" in item
    # the first of them is called spam-like too, by what came after it
    first, second = Comment.objects.order_by("pk")[:2]
    first = page[page.index(f'id="c{first.pk}"') : page.index(f'id="c{second.pk}"')]
    assert "Spam-like: the same author wrote this on 3 other codes" in first


def test_unrelated_comments_carry_no_flag(editor_client):
    post()
    post(code="D0120", body="Does this apply when the patient moved to another state?")
    page = editor_client.get(QUEUE).content.decode()
    assert "Possible duplicate" not in page and not Resemblance.objects.exists()


def test_a_regular_confirmed_commenter_still_waits_with_a_duplicate(make_comment):
    for _ in range(2):
        make_comment(status=Comment.Status.APPROVED, body="An earlier approved remark, long.")
    fresh = post(body="Something new about nursing homes and D9992 billing.", confirmed=True)
    assert fresh.is_published
    again = post(
        code="D0120", body="Something new about nursing homes and D9992 billing!", confirmed=True
    )
    assert again.status == Comment.Status.PENDING and again.resemblances.exists()


def test_the_comparison_is_bounded_to_recent_comments_same_code_and_same_author(make_comment):
    long_ago = timezone.now() - timedelta(days=400)
    elsewhere = make_comment(code="D0120", email="a@example.org", body=TEXT, created_at=long_ago)
    same_code = make_comment(code="D9992", email="b@example.org", body=TEXT, created_at=long_ago)
    same_author = make_comment(code="D0140", email="me@example.org", body=TEXT, created_at=long_ago)
    recent = [make_comment(code="D0150", email=f"r{i}@example.org", body=TEXT) for i in range(4)]
    check = DuplicateCheck(window_days=30, window_size=2)
    new = Comment(code="D9992", email="me@example.org", body=TEXT)
    ids = {pk for pk, _, _ in check.candidates(new)}
    assert elsewhere.pk not in ids  # old, another code, another author: not compared
    assert {same_code.pk, same_author.pk} <= ids
    assert {r.pk for r in recent} & ids == {recent[-1].pk, recent[-2].pk}  # the newest two
    found = {m.other_id for m in check.find(new)}
    assert found == {same_code.pk, same_author.pk, recent[-1].pk, recent[-2].pk}


def test_erasing_a_comment_takes_its_flags_with_it():
    first = post(email="first@example.org")
    second = post(code="D0120")
    first.delete()
    assert not Resemblance.objects.exists() and Comment.objects.get() == second
