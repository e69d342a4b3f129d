"""The OpenAPI document: every route documented, every schema closed, docs self-hosted."""

import re

from django.test import Client
from django.urls import get_resolver

from belong.api.main import api as ninja_api

METHODS = {"get", "post", "put", "patch", "delete"}


def _document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_document_is_openapi_3_1(client, db):
    document = _document(client)
    assert document["openapi"].startswith("3.1")
    assert document["info"]["title"] == "Belong API"


def test_every_route_has_documented_responses(client, db):
    document = _document(client)
    operations = [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]
    # Every route ninja knows is in the document (none hidden with include_in_schema=False).
    routed = sum(
        len(view.operations)
        for router_prefix, router in ninja_api._routers
        for view in router.path_operations.values()
    )
    assert len(operations) == routed >= 27
    for path, method, operation in operations:
        responses = operation.get("responses", {})
        success = [code for code in responses if code.startswith("2")]
        assert success, f"{method.upper()} {path} documents no success response"
        for code in success:
            if code != "204":
                content = responses[code].get("content", {})
                # JSON, or a file the document says is one (the prepared zip of My data).
                assert "application/json" in content or _a_file(content), (method, path)
        errors = {"404", "422", "429"}
        if operation.get("security"):
            errors |= {"400", "401", "403"}
        missing = errors - set(responses)
        assert not missing, f"{method.upper()} {path} does not document {sorted(missing)}"


def _a_file(content: dict) -> bool:
    """A response body that is a file, not JSON: a zip, stated as binary."""
    return (
        bool(content)
        and all(
            media.get("schema") == {"type": "string", "format": "binary"}
            for media in content.values()
        )
        and "application/json" not in content
    )


def _objects(node, trail="#"):
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            yield trail, node
        for key, value in node.items():
            yield from _objects(value, f"{trail}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, f"{trail}/{index}")


def test_every_response_schema_is_closed(client, db):
    document = _document(client)
    schemas = document["components"]["schemas"]
    for trail, schema in _objects(schemas):
        assert schema.get("additionalProperties") is False, f"{trail} is open"
    # Responses only point at those closed schemas.
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for code, response in operation["responses"].items():
                for media in response.get("content", {}).values():
                    if _a_file({"file": media}):
                        continue
                    refs = re.findall(r"#/components/schemas/(\w+)", str(media["schema"]))
                    assert refs, (method, path, code)


def test_the_docs_are_served_without_a_cdn(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert not re.search(r"""(src|href)=["']https?://""", html), "the docs load something remote"
    assert '"validatorUrl": null' in html
    static = Client().get("/static/ninja/swagger-ui-bundle.js")
    assert static.status_code == 200


def test_the_api_is_mounted_once(db):
    patterns = [str(p.pattern) for p in get_resolver().url_patterns]
    assert patterns.count("api/v1/") == 1


def test_new_objects_link_to_what_comes_next(client, db):
    paths = _document(client)["paths"]
    links = paths["/api/v1/posts"]["post"]["responses"]["201"]["links"]
    assert len(links) == 6
    assert all(link["parameters"] == {"post_id": "$response.body#/id"} for link in links.values())
    started = paths["/api/v1/posts/{post_id}/conversations"]["post"]["responses"]["201"]
    assert len(started["links"]) == 9
