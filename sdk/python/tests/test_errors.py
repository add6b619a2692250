"""Problem responses become exception classes: from the real server where it can be made to
answer so, from a local stub for what a test cannot provoke (quota spent, server failures)."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import unittest

from support import ServerTest, artifacta, unique


class ServerProblemsTest(ServerTest):
    def test_unknown_key_is_authentication_error(self):
        stranger = artifacta.Client(api_key="ak_live_" + "A1" * 16, base_url=self.base_url)
        with self.assertRaises(artifacta.AuthenticationError) as raised:
            stranger.whoami()
        e = raised.exception
        self.assertEqual((e.status, e.slug), (401, "unauthenticated"))
        self.assertEqual(e.type, "https://artifacta.dev/problems/unauthenticated")
        self.assertEqual(e.problem["status"], 401)
        self.assertTrue(e.title)
        self.assertTrue(e.detail)
        self.assertIsInstance(e, artifacta.ArtifactaError)

    def test_missing_scope_is_permission_denied_naming_the_scope(self):
        reader = self.new_key("reader", scopes=["artifacts:read"])
        with self.assertRaises(artifacta.PermissionDenied) as raised:
            artifacta.Client(api_key=reader.key, base_url=self.base_url).keys.list()
        e = raised.exception
        self.assertEqual((e.status, e.slug, e.required_scope), (403, "insufficient-scope", "agents:manage"))

    def test_unknown_artifact_is_not_found(self):
        with self.assertRaises(artifacta.NotFound) as raised:
            self.client.artifacts.get("00000000-0000-0000-0000-000000000000")
        self.assertEqual((raised.exception.status, raised.exception.slug), (404, "artifact-not-found"))

    def test_taken_key_name_is_conflict(self):
        key = self.new_key("taken")
        with self.assertRaises(artifacta.Conflict) as raised:
            self.client.keys.create(key.name)
        self.assertEqual((raised.exception.status, raised.exception.slug), (409, "api-key-name-taken"))

    def test_bad_query_is_a_400_validation_error(self):
        with self.assertRaises(artifacta.ValidationError) as raised:
            list(self.client.artifacts.list(page_size=500))
        self.assertEqual((raised.exception.status, raised.exception.slug), (400, "invalid-limit"))

    def test_broken_rule_is_a_422_validation_error(self):
        with self.assertRaises(artifacta.ValidationError) as raised:
            self.client.agents.create(unique("boss"), role="owner")
        self.assertEqual((raised.exception.status, raised.exception.slug), (422, "invalid-agent-role"))

    def test_unknown_scope_is_a_422_validation_error(self):
        with self.assertRaises(artifacta.ValidationError) as raised:
            self.client.keys.create(unique("odd"), scopes=["artifacts:fly"])
        self.assertEqual(raised.exception.status, 422)


class _Stub(http.server.BaseHTTPRequestHandler):
    """Answers each path with a canned response and remembers the requests it saw."""

    routes: dict = {}
    seen: list = []

    def _answer(self):
        type(self).seen.append((self.command, self.path, dict(self.headers)))
        status, headers, body = type(self).routes.get(self.path.split("?")[0], (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_DELETE = _answer

    def log_message(self, *args):
        pass


def _problem(status: int, slug: str, **extra) -> bytes:
    body = {"type": f"https://artifacta.dev/problems/{slug}", "title": slug, "status": status, "detail": f"{slug}!"}
    body.update(extra)
    return json.dumps(body).encode()


class StubProblemsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        problem = {"Content-Type": "application/problem+json"}
        _Stub.routes = {
            "/v1/whoami": (
                429,
                {**problem, "Retry-After": "120"},
                _problem(429, "request-quota-exceeded", plan="free", limit=10000),
            ),
            "/v1/projects": (500, problem, _problem(500, "internal-error", requestId="req-42")),
            "/v1/agents": (503, {"Content-Type": "text/html"}, b"<html>down for maintenance</html>"),
            "/v1/api-keys": (302, {"Location": "http://elsewhere.invalid/steal"}, b""),
        }
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.client = artifacta.Client(
            api_key="ak_live_" + "B2" * 16, base_url=f"http://127.0.0.1:{cls.server.server_address[1]}"
        )

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def test_429_is_rate_limited_with_retry_after(self):
        with self.assertRaises(artifacta.RateLimited) as raised:
            self.client.whoami()
        e = raised.exception
        self.assertEqual((e.status, e.slug, e.retry_after), (429, "request-quota-exceeded", 120))
        self.assertEqual(e.problem["limit"], 10000)

    def test_5xx_is_server_error_with_the_request_id(self):
        with self.assertRaises(artifacta.ServerError) as raised:
            self.client.projects.list()
        self.assertEqual((raised.exception.status, raised.exception.request_id), (500, "req-42"))

    def test_a_non_problem_error_body_still_maps_by_status(self):
        with self.assertRaises(artifacta.ServerError) as raised:
            self.client.agents.list()
        e = raised.exception
        self.assertEqual(e.status, 503)
        self.assertIsNone(e.type)
        self.assertIn("down for maintenance", e.detail)

    def test_redirects_are_not_followed(self):
        _Stub.seen.clear()
        with self.assertRaises(artifacta.ArtifactaError) as raised:
            self.client.keys.list()
        self.assertEqual(raised.exception.status, 302)
        self.assertEqual(len(_Stub.seen), 1, "the key never travels to the redirect's target")

    def test_no_answer_is_connection_failed(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with self.assertRaises(artifacta.ConnectionFailed) as raised:
            artifacta.Client(api_key="ak_live_x", base_url=f"http://127.0.0.1:{port}", timeout=5).whoami()
        self.assertIsNone(raised.exception.status)
        self.assertIsInstance(raised.exception, artifacta.ArtifactaError)

    def test_every_status_has_its_class(self):
        from artifacta.errors import error_class

        expected = {
            400: artifacta.ValidationError,
            401: artifacta.AuthenticationError,
            403: artifacta.PermissionDenied,
            404: artifacta.NotFound,
            409: artifacta.Conflict,
            412: artifacta.PreconditionFailed,
            413: artifacta.PayloadTooLarge,
            422: artifacta.ValidationError,
            429: artifacta.RateLimited,
            500: artifacta.ServerError,
            502: artifacta.ServerError,
            418: artifacta.ArtifactaError,
        }
        self.assertEqual({s: error_class(s) for s in expected}, expected)
