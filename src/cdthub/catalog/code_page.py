"""What other apps add to a code page, registered at start-up so that the catalog never imports
them (as django-contrib-comments' `moderator.register` keeps the blog free of comments):

- fragments: a template rendered at one place of the page ("review": after the official text,
  "end": after the article), with the context a function gives for the code;
- holes: values that differ per reader (a form's time stamp). A cached page holds a placeholder
  for each, filled in per request (page_cache.py);
- details: fields added to the code's API answer (`GET /api/v1/codes/{code}`), a function of
  the code number.

    code_page.add_fragment("end", "community/_comments.html", comments_context)
    code_page.add_hole("form_stamp", lambda request: stamp("comment"))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template import Context

from cdthub.core.codes import Code

PLACES = ("review", "end")


@dataclass(frozen=True)
class Fragment:
    place: str
    template: str
    # (the code, the page's template context) → the fragment's template context
    context: Callable[[Code, Context], dict[str, Any]]


@dataclass(frozen=True)
class Hole:
    name: str  # the page's context variable the placeholder stands in for
    fill: Callable[[HttpRequest], str]  # its value for one reader

    @property
    def placeholder(self) -> str:
        return f"cdthubHole_{self.name}_51d9a7"


class CodePage:
    def __init__(self) -> None:
        self._fragments: dict[str, Fragment] = {}
        self._holes: dict[str, Hole] = {}
        self._details: dict[str, Callable[[str], Any]] = {}

    def add_fragment(
        self, place: str, template: str, context: Callable[[Code, Context], dict[str, Any]]
    ) -> None:
        if place not in PLACES:
            raise ValueError(f"a code page has no place {place!r}; use one of {PLACES}")
        self._fragments[template] = Fragment(place, template, context)

    def add_hole(self, name: str, fill: Callable[[HttpRequest], str]) -> None:
        self._holes[name] = Hole(name, fill)

    def add_detail(self, name: str, value: Callable[[str], Any]) -> None:
        self._details[name] = value

    def details(self, code: str) -> dict[str, Any]:
        return {name: value(code) for name, value in self._details.items()}

    def fragments(self, place: str) -> list[Fragment]:
        return [f for f in self._fragments.values() if f.place == place]

    @property
    def holes(self) -> list[Hole]:
        return list(self._holes.values())


code_page = CodePage()
