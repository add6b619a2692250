"""whoami, and where Client() finds its key and base URL."""

from __future__ import annotations

import os

from support import ServerTest, artifacta, unique


class WhoamiTest(ServerTest):
    def test_whoami_describes_tenant_principal_key_and_usage(self):
        info = self.client.whoami()

        self.assertIsInstance(info, artifacta.WhoAmI)
        self.assertTrue(info.tenant_name)
        self.assertTrue(info.tenant_id)
        self.assertIn(info.plan, ("free", "pro", "team"))
        self.assertEqual(info.principal.type, "api_key")
        self.assertEqual(info.principal_type, "api_key")
        self.assertEqual(info.principal.acting_for.type, "user")
        self.assertEqual(info.key.prefix, self.key[: len(info.key.prefix)])
        self.assertEqual(info.key.last4, self.key[-4:])
        self.assertIn("agents:manage", info.key.scopes)
        self.assertEqual(info.scopes, info.key.scopes)
        self.assertGreaterEqual(info.requests_used, 1)
        self.assertGreater(info.requests_limit, 0)
        self.assertRegex(info.requests_period, r"^\d{4}-\d{2}$")
        self.assertIsNotNone(info.requests_resets_at.tzinfo)
        self.assertGreaterEqual(info.storage_used, 0)
        self.assertGreater(info.storage_limit, 0)

    def test_whoami_of_an_agents_key_shows_the_agent_behind_it(self):
        agent = self.client.agents.create(unique("whoami-bot"), role="viewer")
        key = self.new_key("whoami-bot-key", identity=agent.id, scopes=["artifacts:read"])

        info = artifacta.Client(api_key=key.key, base_url=self.base_url).whoami()

        self.assertEqual(info.principal.acting_for.type, "agent")
        self.assertEqual(info.principal.acting_for.id, agent.id)
        self.assertEqual(info.principal.role, "viewer")
        self.assertEqual(info.key.identity.agent_id, agent.id)
        self.assertEqual(info.key.scopes, ["artifacts:read"])


class ConfigurationTest(ServerTest):
    def setUp(self):
        super().setUp()
        # A second key of the same tenant, to tell which of two keys a client used.
        self.other = self.new_key("config-file-key", scopes=["artifacts:read"])

    def test_env_key_beats_the_config_file(self):
        self.write_config(f'api_key = "{self.other.key}"\nbase_url = "{self.base_url}"\n')
        with self.isolated_env(ARTIFACTA_API_KEY=self.key):
            client = artifacta.Client()
            info = client.whoami()
        self.assertEqual(client.api_key_source, "ARTIFACTA_API_KEY")
        self.assertEqual(info.key.last4, self.key[-4:])
        self.assertNotEqual(info.key.id, self.other.id)

    def test_config_file_is_used_when_the_env_has_no_key(self):
        path = self.write_config(f'api_key = "{self.other.key}"\nbase_url = "{self.base_url}"\n')
        with self.isolated_env():
            client = artifacta.Client()
            info = client.whoami()
        self.assertEqual(client.api_key_source, path)
        self.assertEqual(client.base_url, self.base_url)
        self.assertEqual(info.key.id, self.other.id)

    def test_agent_artifacts_aliases_are_read(self):
        with self.isolated_env(AGENT_ARTIFACTS_TOKEN=self.other.key, AGENT_ARTIFACTS_BASE_URL=self.base_url):
            client = artifacta.Client()
            info = client.whoami()
        self.assertEqual(client.api_key_source, "AGENT_ARTIFACTS_TOKEN")
        self.assertEqual(info.key.id, self.other.id)

    def test_artifacta_names_beat_the_aliases(self):
        with self.isolated_env(
            ARTIFACTA_API_KEY=self.key,
            AGENT_ARTIFACTS_TOKEN=self.other.key,
            ARTIFACTA_BASE_URL=self.base_url,
            AGENT_ARTIFACTS_BASE_URL="http://127.0.0.1:9",
        ):
            info = artifacta.Client().whoami()
        self.assertEqual(info.key.last4, self.key[-4:])

    def test_env_base_url_beats_the_config_file(self):
        self.write_config('base_url = "http://127.0.0.1:9"\n')
        with self.isolated_env(ARTIFACTA_API_KEY=self.key, ARTIFACTA_BASE_URL=self.base_url + "/"):
            client = artifacta.Client()
        self.assertEqual(client.base_url, self.base_url.rstrip("/"))
        self.assertTrue(client.whoami().tenant_name)

    def test_arguments_beat_env_and_config(self):
        self.write_config(f'api_key = "{self.key}"\nbase_url = "http://127.0.0.1:9"\n')
        with self.isolated_env(ARTIFACTA_API_KEY=self.key, ARTIFACTA_BASE_URL="http://127.0.0.1:9"):
            client = artifacta.Client(api_key=self.other.key, base_url=self.base_url)
            info = client.whoami()
        self.assertEqual(client.api_key_source, "argument")
        self.assertEqual(info.key.id, self.other.id)

    def test_default_base_url_is_localhost_8080(self):
        with self.isolated_env():
            client = artifacta.Client()
        self.assertEqual(client.base_url, "http://localhost:8080")
        self.assertIsNone(client.api_key_source)

    def test_config_file_defaults_to_dot_config_under_home(self):
        home = os.path.join(self.config_home, "home")
        os.makedirs(os.path.join(home, ".config", "artifacta"))
        with open(os.path.join(home, ".config", "artifacta", "config.toml"), "w") as f:
            f.write(f'api_key = "{self.other.key}"\nbase_url = "{self.base_url}"\n')
        with self.isolated_env(HOME=home):
            del os.environ["XDG_CONFIG_HOME"]
            info = artifacta.Client().whoami()
        self.assertEqual(info.key.id, self.other.id)

    def test_a_broken_config_file_is_a_configuration_error_that_does_not_quote_it(self):
        self.write_config(f'api_key = "{self.other.key}\n')  # unterminated string
        with self.isolated_env():
            with self.assertRaises(artifacta.ConfigurationError) as raised:
                artifacta.Client()
        self.assertNotIn(self.other.key, str(raised.exception))
        self.assertIsInstance(raised.exception, artifacta.ArtifactaError)

    def test_without_any_key_the_401_says_how_to_configure_one(self):
        with self.isolated_env(ARTIFACTA_BASE_URL=self.base_url):
            with self.assertRaises(artifacta.AuthenticationError) as raised:
                artifacta.Client().whoami()
        self.assertEqual(raised.exception.status, 401)
        self.assertIn("ARTIFACTA_API_KEY", str(raised.exception))
