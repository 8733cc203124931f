from . import snapshot


def catalog(request):
    """The current CDT edition for every page (footer link to its changes)."""
    return {"cdt_year": snapshot.get().catalog.current_year}
