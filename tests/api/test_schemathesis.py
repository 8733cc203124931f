"""Schemathesis against the OpenAPI document: requests generated from /api/v1/openapi.json (valid
and not) get no server error, only status codes the document lists, and bodies in the shapes it
describes. Bounded: a few dozen examples per operation, well under a minute in all."""

import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = 30  # per operation


@schemathesis.serializer("application/edi-x12")
def _x12(ctx, value):
    """An 837D body is text (the schema says a string), sent as it is."""
    return value if isinstance(value, bytes) else str(value).encode()


# read when the tests are collected (the document needs no database); the requests run in each
# test, against the test database holding the bundled dataset
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure here is never a fluke
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(case, loaded_db):
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
