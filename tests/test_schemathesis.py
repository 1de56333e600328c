"""The fake server under schemathesis, a property-based API tester: requests built from the
vendored spec (valid and not), each answer checked for conformance with it.

schemathesis sends its coverage cases (boundary and invalid values of every field) and 10 generated
examples per operation: about 35 seconds on this machine, most of it the coverage cases of the two
training-job bodies.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import checks  # noqa: E402
from serverless_training.testing import FakeAPI, FakeServer  # noqa: E402

SPEC = Path(__file__).resolve().parents[1] / "openapi.json"
schema = schemathesis.openapi.from_path(SPEC)


def status_code_conformance(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """schemathesis's check, less the statuses the service answers and the spec leaves out (it
    lists only 200 and 422): 404 for an unknown id, 409 for a model that exists. The fake answers
    them as the service does, and the SDK maps them to NotFoundError and ConflictError."""
    if response.status_code in (404, 409):
        return None
    return checks.status_code_conformance(ctx, response, case)


CHECKS = [
    checks.not_a_server_error,
    status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.unsupported_method,
]


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[FakeAPI, FakeServer]]:
    fake = FakeAPI()
    fake.seed_demo()
    with fake.serve() as running:
        yield fake, running


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_the_fake_conforms_to_the_spec(case: schemathesis.Case, server: tuple[FakeAPI, FakeServer]) -> None:
    fake, running = server
    # The spec's HTTPBearer scheme makes schemathesis send a token of its own; the fake's key
    # replaces it, so the requests reach the operations rather than the 401 the spec leaves out.
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {fake.api_key}"}
    case.call_and_validate(base_url=running.base_url, checks=CHECKS)
