from django.urls import path, re_path

from . import page_cache, views, views_suggest

app_name = "catalog"

urlpatterns = [
    path("", views.home, name="home"),
    path("codes/", views.code_list, name="code_list"),
    path("codes/category/<slug:slug>/", views.category, name="category"),
    re_path(r"^codes/(?P<code>D\d{4})/$", views.code_detail, name="code"),
    re_path(r"^codes/(?P<code>[^/]{1,40})/?$", views.code_redirect, name="code_any"),
    path("search/", views.search, name="search"),
    path("suggest/", views_suggest.suggest, name="suggest"),
    path("changes/", views.changes_index, name="changes_index"),
    path("changes/<int:year>/", views.changes, name="changes"),
    path("holes/", page_cache.holes, name="holes"),  # a shared page's per-reader values
]
