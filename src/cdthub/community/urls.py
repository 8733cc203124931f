from django.contrib.auth.views import LogoutView
from django.urls import path, re_path

from . import desk, desk_resources, erasure_views, views
from .logins import LoginPage

app_name = "community"

CODE = r"(?P<code>D\d{4})"

urlpatterns = [
    re_path(rf"^codes/{CODE}/comments/new/$", views.comment_form, name="comment"),
    re_path(rf"^codes/{CODE}/comments/thanks/$", views.comment_thanks, name="comment_thanks"),
    path("comments/confirm/<str:token>/", views.confirm_address, name="confirm_address"),
    path("comments/stop-replies/<str:token>/", views.stop_replies, name="stop_replies"),
    re_path(rf"^codes/{CODE}/suggest/$", views.suggest, name="suggest"),
    re_path(rf"^codes/{CODE}/suggest/thanks/$", views.suggest_thanks, name="suggest_thanks"),
    re_path(rf"^codes/{CODE}/history/$", views.history, name="history"),
    path("contact/", views.contact, name="contact"),
    path("contact/thanks/", views.contact_thanks, name="contact_thanks"),
    path("accounts/login/", LoginPage.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("community/", desk.home, name="desk"),
    path("community/moderation/", desk.moderation, name="moderation"),
    path("community/suggestions/", desk.suggestions, name="suggestions"),
    path("community/suggestions/<int:pk>/", desk.suggestion, name="suggestion"),
    path("community/revisions/<int:pk>/restore/", desk.restore, name="restore"),
    re_path(rf"^community/codes/{CODE}/reviewed/$", desk.mark_reviewed, name="mark_reviewed"),
    path("community/contact/", desk.contact_messages, name="contact_messages"),
    path("community/resources/", desk_resources.resource_list, name="resources"),
    path("community/resources/new/", desk_resources.resource_add, name="resource_add"),
    path("community/resources/<int:pk>/", desk_resources.resource_edit, name="resource_edit"),
    path(
        "community/resources/<int:pk>/remove/",
        desk_resources.resource_remove,
        name="resource_remove",
    ),
    path("community/erase/", erasure_views.erase, name="erase"),
]
