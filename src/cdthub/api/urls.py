from ninja import NinjaAPI

from . import claims, codes, errors, suggest

api = NinjaAPI(
    title="cdthub API",
    version="1",
    description="CDT dental procedure codes: lookup, search and edition changes. "
    'Errors are JSON: {"error": {"code", "message"}}.',
    urls_namespace="api-1",
)
errors.install(api)
api.add_router("", codes.router)
api.add_router("", suggest.router)
api.add_router("", claims.router)
