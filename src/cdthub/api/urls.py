from typing import Any

from ninja import NinjaAPI, Swagger
from ninja.openapi.schema import OpenAPISchema

from . import claim_input, claims, codes, errors, suggest


class Api(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        """The generated document, plus the named schemas of the claim JSON that POST
        claims/check documents (but does not validate: see claim_input)."""
        schema = super().get_openapi_schema(**kwargs)
        claim_input.add_components(schema["components"]["schemas"])
        return schema


api = Api(
    title="cdthub API",
    version="1",
    description="CDT dental procedure codes: lookup, search and edition changes; suggested "
    "codes for a description; dental claims checked. "
    'Errors are JSON: {"error": {"code", "message"}}, with the status code. Besides those '
    "each endpoint lists: an address under /api/ that is not an endpoint answers 404 "
    "`not_found`; a method an endpoint does not take, 405 `method_not_allowed` with an Allow "
    "header; a request body sent chunked, without Content-Length, 411 `length_required`.",
    urls_namespace="api-1",
    # Swagger UI from django-ninja's own static files (ninja is an installed app), never a CDN;
    # no validator badge, which would load an image from elsewhere
    docs=Swagger(settings={"validatorUrl": None}),
)
errors.install(api)
api.add_router("", codes.router)
api.add_router("", suggest.router)
api.add_router("", claims.router)
