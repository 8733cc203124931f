"""Logging in, for the site's login page and the admin's alike: limits on failed attempts, kept
by the login forms themselves, so every page that uses them is covered.

Three counters (settings CDTHUB_RATE_LIMITS), each in a window of 15 minutes by default:

- "login", per address and username (5): what a person who mistyped meets;
- "login-user", per username from any address (10): guessing one account from many addresses;
- "login-address", per address across all usernames (20): password spraying, one password
  tried on many accounts.

An attempt takes its place in all three before the password is checked (one atomic step each,
so attempts sent together cannot all slip under a limit); a refused attempt gives its places
back and never reaches the password check; a successful login gives them back too and clears
its address-and-username count. The site's page answers a refusal with a friendly 429 page; the
admin's shows the same sentence on its own login page.

This is a few dozen lines on the counter the public forms use, so no extra package
(django-axes would add tables, middleware and an authentication backend for the same result).
"""

from __future__ import annotations

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError

from . import ratelimit


class Attempt:
    """One login attempt's places in the three counters."""

    def __init__(self, request, username: str):
        user = username.strip().lower()[:150]
        address = ratelimit.client_ip(request)
        self.pair = ratelimit.Counter("login", address, user)
        self.counters = (
            self.pair,
            ratelimit.Counter("login-user", user),
            ratelimit.Counter("login-address", address),
        )

    def begin(self) -> ratelimit.Counter | None:
        """Take a place in each counter; the first one that is full, or None to go ahead."""
        taken: list[ratelimit.Counter] = []
        for counter in self.counters:
            taken.append(counter)
            if not counter.take():
                for each in taken:
                    each.give_back()
                return counter
        return None

    def succeeded(self) -> None:
        self.pair.reset()
        for counter in self.counters[1:]:
            counter.give_back()


class LimitedLogin:
    """A mixin for Django's login forms: the limits above, before the password is checked."""

    refused: ratelimit.Counter | None = None

    def clean(self):
        username = self.cleaned_data.get("username")
        if not (username and self.cleaned_data.get("password")):
            return super().clean()  # nothing to try: Django reports the missing field
        attempt = Attempt(self.request, username)
        self.refused = attempt.begin()
        if self.refused is not None:
            raise ValidationError(
                "Too many failed logins. Please try again in about "
                f"{self.refused.minutes} minutes.",
                code="throttled",
            )
        cleaned = super().clean()  # a wrong password raises here and its places stay taken
        attempt.succeeded()
        return cleaned


class LoginForm(LimitedLogin, AuthenticationForm):
    pass


class AdminLoginForm(LimitedLogin, AdminAuthenticationForm):
    pass


class LoginPage(LoginView):
    template_name = "community/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        if form.refused is not None:
            return ratelimit.too_many(self.request, form.refused, "login attempts")
        return super().form_invalid(form)
