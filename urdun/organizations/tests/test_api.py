import pytest

from conftest import user_of
from urdun.organizations.models import ApiToken


def _token(world, name, scope="read"):
    _t, key = ApiToken.issue(user_of(world, name), "test", scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_schema_loads_and_lists_endpoints(client, world):
    client.force_login(user_of(world, "alice"))
    r = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert r.status_code == 200
    import json

    schema = json.loads(r.content)
    assert schema["openapi"].startswith("3.")
    for path in ["/api/v1/organizations/", "/api/v1/units/", "/api/v1/employees/", "/api/v1/roles/"]:
        assert path in schema["paths"]
    assert "apiToken" in schema["components"]["securitySchemes"]


def test_token_sees_only_what_its_user_may(client, world):
    r = client.get("/api/v1/employees/", **_token(world, "hana"))
    assert r.status_code == 200
    names = {e["given_name"] for e in r.json()["results"]}
    assert names == {"Alice", "Carol", "Dave", "Erin", "Hana"}


def test_token_cannot_fetch_out_of_scope_object(client, world):
    bob = world.people["bob"]
    r = client.get(f"/api/v1/employees/{bob.pk}/", **_token(world, "hana"))
    assert r.status_code == 404


def test_read_token_cannot_write(client, world):
    alice = world.people["alice"]
    r = client.patch(
        f"/api/v1/employees/{alice.pk}/",
        {"position": "x"},
        content_type="application/json",
        **_token(world, "orgadmin"),
    )
    assert r.status_code == 403
    alice.refresh_from_db()
    assert alice.position == "alice position"


def test_write_token_of_admin_can_update(client, world):
    alice = world.people["alice"]
    r = client.patch(
        f"/api/v1/employees/{alice.pk}/",
        {"position": "Ахлах мэргэжилтэн"},
        content_type="application/json",
        **_token(world, "orgadmin", "write"),
    )
    assert r.status_code == 200, r.content
    alice.refresh_from_db()
    assert alice.position == "Ахлах мэргэжилтэн"


def test_write_token_of_plain_employee_cannot_update(client, world):
    alice = world.people["alice"]
    r = client.patch(
        f"/api/v1/employees/{alice.pk}/",
        {"position": "boss"},
        content_type="application/json",
        **_token(world, "alice", "write"),
    )
    assert r.status_code == 403


def test_bad_token_is_refused(client, world):
    r = client.get("/api/v1/employees/", HTTP_AUTHORIZATION="Bearer urd_nope")
    assert r.status_code == 401


def test_anonymous_api_call_is_refused(client, world):
    assert client.get("/api/v1/organizations/").status_code in (401, 403)


@pytest.mark.parametrize("who,count", [("alice", 1), ("zed", 1), ("root", 2)])
def test_organization_list_is_scoped(client, world, who, count):
    client.force_login(user_of(world, who))
    assert client.get("/api/v1/organizations/").json()["count"] == count
