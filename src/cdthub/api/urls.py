from ninja import NinjaAPI, Swagger

from . import claims, codes, errors, suggest

api = NinjaAPI(
    title="cdthub API",
    version="1",
    description="CDT dental procedure codes: lookup, search and edition changes. "
    'Errors are JSON: {"error": {"code", "message"}}.',
    urls_namespace="api-1",
    # Swagger UI from django-ninja's own static files (ninja is an installed app), never a CDN;
    # no validator badge, which would load an image from elsewhere
    docs=Swagger(settings={"validatorUrl": None}),
)
errors.install(api)
api.add_router("", codes.router)
api.add_router("", suggest.router)
api.add_router("", claims.router)
