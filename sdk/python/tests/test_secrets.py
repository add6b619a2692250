"""The API key never shows: not in repr or str, not in exceptions, not in log records."""

from __future__ import annotations

import json
import logging

from support import ServerTest, artifacta


class KeyNeverShownTest(ServerTest):
    def test_client_repr_and_str_hide_the_key(self):
        for client in (artifacta.Client(api_key=self.key, base_url=self.base_url),):
            self.assertNotIn(self.key, repr(client))
            self.assertNotIn(self.key, str(client))
            self.assertNotIn(self.key[-8:], repr(client))
            self.assertIn("argument", repr(client))
        with self.isolated_env(ARTIFACTA_API_KEY=self.key, ARTIFACTA_BASE_URL=self.base_url):
            client = artifacta.Client()
        self.assertNotIn(self.key, repr(client))
        self.assertIn("ARTIFACTA_API_KEY", repr(client))
        path = self.write_config(f'api_key = "{self.key}"\n')
        with self.isolated_env():
            client = artifacta.Client()
        self.assertNotIn(self.key, repr(client))
        self.assertIn(path, repr(client))
        self.assertNotIn(self.key, repr(client._settings))

    def test_a_created_key_shows_its_secret_only_as_the_attribute(self):
        created = self.new_key("secret-holder", scopes=["artifacts:read"])
        self.assertTrue(created.key.startswith("ak_live_"))
        self.assertNotIn(created.key, repr(created))
        self.assertNotIn(created.key, str(created))

    def test_a_refused_key_is_not_in_the_exception(self):
        revoked = self.new_key("soon-revoked", scopes=["artifacts:read"])
        self.client.keys.revoke(revoked)
        with self.assertRaises(artifacta.AuthenticationError) as raised:
            artifacta.Client(api_key=revoked.key, base_url=self.base_url).whoami()
        self._assert_absent(revoked.key, raised.exception)

    def test_a_key_echoed_by_the_server_is_redacted(self):
        # A secret passed where an id belongs comes back in the problem's detail and instance.
        with self.assertRaises(artifacta.NotFound) as raised:
            self.client.keys.get(self.key)
        self._assert_absent(self.key, raised.exception)
        self.assertIn("[redacted]", str(raised.exception))

    def test_debug_logs_name_requests_but_not_the_key(self):
        with self.assertLogs("artifacta", logging.DEBUG) as logs:
            self.client.whoami()
            try:
                self.client.keys.get(self.key)
            except artifacta.NotFound:
                pass
            try:
                artifacta.Client(api_key=self.key + "x", base_url=self.base_url).whoami()
            except artifacta.AuthenticationError:
                pass
        text = "\n".join(logs.output)
        self.assertIn("GET /v1/whoami -> 200", text)
        self.assertNotIn(self.key, text)

    def _assert_absent(self, secret: str, error: artifacta.ArtifactaError) -> None:
        for shown in (str(error), repr(error), json.dumps(error.problem), repr(error.args), error.message):
            self.assertNotIn(secret, shown)
        self.assertIsNone(error.__cause__)
        self.assertTrue(error.__suppress_context__)
