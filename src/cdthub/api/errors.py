"""One JSON error shape for the whole API: {"error": {"code": "...", "message": "..."}}, and
the one place each kind of error gets its status."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from cdthub.core.codes import UnknownEdition


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


def error_body(code: str, message: str, **extra) -> dict:
    return {"error": {"code": code, "message": message, **extra}}


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def _api_error(request: HttpRequest, exc: ApiError):
        return api.create_response(
            request, error_body(exc.code, exc.message, **exc.extra), status=exc.status
        )

    @api.exception_handler(UnknownEdition)
    def _unknown_edition(request: HttpRequest, exc: UnknownEdition) -> HttpResponse:
        return api.create_response(request, error_body("unknown_edition", str(exc)), status=404)

    @api.exception_handler(ValidationError)
    def _invalid(request: HttpRequest, exc: ValidationError):
        problems = []
        for err in exc.errors:
            where = ".".join(
                str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body")
            )
            problems.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        return api.create_response(
            request,
            error_body("invalid_request", "; ".join(problems) or "invalid request"),
            status=400,
        )

    @api.exception_handler(AuthenticationError)
    def _auth(request: HttpRequest, exc: AuthenticationError):
        return api.create_response(
            request, error_body("unauthorized", "login required"), status=401
        )

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, exc: HttpError):
        return api.create_response(
            request, error_body("http_error", str(exc)), status=exc.status_code
        )
