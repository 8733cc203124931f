"""Learn-more links: editors curate them from the desk and the admin, code pages and the API
show them at once, every change is in the code's history and can be restored, and readers
propose them through "Suggest an update"."""

import pytest
from django.test import Client

from cdthub.community.forms import stamp
from cdthub.community.models import AuditEntry, Resource, Revision, Suggestion

pytestmark = pytest.mark.usefixtures("loaded_db")

CODE = "D9992"
PAGE = f"/codes/{CODE}/"


def link(**overrides):
    d = {
        "code": CODE,
        "kind": "video",
        "title": "Care coordination in five minutes",
        "url": "https://www.example.org/videos/care-coordination",
        "source": "Example Dental Society",
        "note": "For front-desk staff new to D9992.",
        "position": "",
    }
    d.update(overrides)
    return d


def learn_more(page: str) -> str:
    assert 'id="learn-h"' in page, "no Learn more section"
    return page.split('id="learn-h"')[1].split("</section>")[0]


def test_the_desk_needs_the_editor_role(client, staff_user):
    r = client.get("/community/resources/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    client.force_login(staff_user)
    assert client.get("/community/resources/").status_code == 403
    assert client.post("/community/resources/new/", link()).status_code == 403
    assert not Resource.objects.exists()


def test_an_editor_adds_a_link_and_the_page_and_api_show_it_at_once(editor_client):
    reader = Client()
    assert 'id="learn-h"' not in reader.get(PAGE).content.decode()  # cached without links
    r = editor_client.post("/community/resources/new/", link())
    assert r.status_code == 302 and r["Location"] == f"/community/resources/?code={CODE}"
    section = learn_more(reader.get(PAGE).content.decode())
    assert "Care coordination in five minutes" in section and "Video" in section
    assert 'href="https://www.example.org/videos/care-coordination"' in section
    assert 'rel="noopener noreferrer"' in section and "example.org" in section
    assert "For front-desk staff new to D9992." in section
    data = reader.get(f"/api/v1/codes/{CODE}").json()["resources"]
    assert data == [
        {
            "kind": "video",
            "title": "Care coordination in five minutes",
            "url": "https://www.example.org/videos/care-coordination",
            "domain": "example.org",
            "source": "Example Dental Society",
            "note": "For front-desk staff new to D9992.",
            "from_reader": False,
        }
    ]
    assert reader.get("/api/v1/codes/D0120").json()["resources"] == []
    listing = editor_client.get(f"/community/resources/?code={CODE}").content.decode()
    assert "Care coordination in five minutes" in listing


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "ftp://example.org/file"}, "url"),
        ({"url": "https://"}, "url"),
        ({"title": ""}, "title"),
        ({"source": ""}, "source"),
        ({"kind": "podcast"}, "kind"),
        ({"code": "D9998"}, "code"),
    ],
)
def test_bad_links_are_refused_next_to_their_field(editor_client, overrides, field):
    r = editor_client.post("/community/resources/new/", link(**overrides))
    assert r.status_code == 400 and not Resource.objects.exists()
    assert f'id="id_{field}_error"' in r.content.decode()


def test_titles_are_escaped(editor_client):
    editor_client.post("/community/resources/new/", link(title="<script>alert(1)</script>"))
    page = Client().get(PAGE).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_edit_and_remove_are_in_the_history_and_can_be_restored(editor_client):
    reader = Client()
    editor_client.post("/community/resources/new/", link())
    item = Resource.objects.get()
    reader.get(PAGE)  # the page is cached now
    r = editor_client.post(
        f"/community/resources/{item.pk}/", link(title="Renamed video", position=0)
    )
    assert r.status_code == 302
    assert "Renamed video" in learn_more(reader.get(PAGE).content.decode())
    editor_client.post(f"/community/resources/{item.pk}/remove/")
    assert not Resource.objects.exists()
    assert "Renamed video" not in reader.get(PAGE).content.decode()
    history = reader.get(f"/codes/{CODE}/history/").content.decode()
    assert history.count("Edited by an editor: learn more links") == 3 and "by edna" in history
    assert "Removed the link “Renamed video”" in history
    removal = Revision.objects.filter(part="resource").order_by("-pk").first()
    editor_client.post(f"/community/revisions/{removal.pk}/restore/", {"side": "before"})
    assert "Renamed video" in learn_more(reader.get(PAGE).content.decode())
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "resource.added",
        "resource.changed",
        "resource.removed",
        "revision.restored",
    } <= actions


def test_the_admin_goes_through_the_same_steps(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x-long-pass-1")
    client.force_login(admin)
    r = client.post("/admin/community/resource/add/", {**link(), "position": "0"})
    assert r.status_code == 302, r.content.decode()[:2000]
    item = Resource.objects.get()
    assert Revision.objects.filter(part="resource", editor=admin).count() == 1
    assert "Care coordination" in Client().get(PAGE).content.decode()
    r = client.post(f"/admin/community/resource/{item.pk}/delete/", {"post": "yes"})
    assert r.status_code == 302 and not Resource.objects.exists()
    assert Revision.objects.filter(part="resource", editor=admin).count() == 2
    assert AuditEntry.objects.filter(action="resource.removed", actor=admin).exists()


def test_a_reader_proposes_a_link_and_an_editor_approves_it(editor_client):
    reader = Client()
    page = reader.get(f"/codes/{CODE}/suggest/?part=resource").content.decode()
    assert 'name="url"' in page and 'name="publisher"' in page
    r = reader.post(
        f"/codes/{CODE}/suggest/",
        {
            "part": "resource",
            "kind": "payer_policy",
            "title": "Care coordination policy",
            "url": "https://payer.example.com/policies/d9992",
            "publisher": "Example Payer",
            "note": "Which visits count.",
            "source": "",
            "website": "",
            "ts": stamp("suggestion"),
        },
    )
    assert r.status_code == 302
    s = Suggestion.objects.get()
    assert s.part == "resource" and "Link: https://payer.example.com/policies/d9992" in (
        s.proposed_text
    )
    assert "Care coordination policy" not in reader.get(PAGE).content.decode()
    review = editor_client.get(f"/community/suggestions/{s.pk}/").content.decode()
    assert "Approve and add the link" in review and "Added: </span>Title: Care" in review
    editor_client.post(f"/community/suggestions/{s.pk}/", {"action": "approve", "text": ""})
    section = learn_more(reader.get(PAGE).content.decode())
    assert 'rel="noopener noreferrer nofollow"' in section and "payer.example.com" in section
    assert "Payer policy" in section
    assert reader.get(f"/api/v1/codes/{CODE}").json()["resources"][0]["from_reader"] is True
    rev = Revision.objects.get(suggestion=s)
    assert rev.part == "resource" and rev.new_value[0]["title"] == "Care coordination policy"
