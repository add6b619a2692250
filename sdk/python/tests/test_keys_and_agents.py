"""API keys and agents, through their whole lifecycle."""

from __future__ import annotations

from support import ServerTest, artifacta, unique


class KeysTest(ServerTest):
    def test_key_lifecycle_create_list_get_rename_revoke(self):
        name = unique("ci")
        created = self.client.keys.create(name, scopes=["artifacts:read"], description="CI pipeline")
        self.addCleanup(self._revoke_quietly, created.id)

        self.assertIsInstance(created, artifacta.CreatedApiKey)
        self.assertTrue(created.key.startswith("ak_live_"))
        self.assertEqual(created.name, name)
        self.assertEqual(created.scopes, ["artifacts:read"])
        self.assertEqual(created.identity.type, "user")
        self.assertEqual(created.status, "active")
        self.assertEqual(created.last4, created.key[-4:])

        listed = {k.id: k for k in self.client.keys.list()}
        self.assertIn(created.id, listed)
        self.assertIsInstance(listed[created.id], artifacta.ApiKey)
        self.assertFalse(hasattr(listed[created.id], "key"))

        fetched = self.client.keys.get(created.id)
        self.assertEqual(fetched.description, "CI pipeline")
        self.assertEqual(fetched.prefix, created.prefix)

        renamed = self.client.keys.rename(created, name + "-renamed")
        self.assertEqual(renamed.name, name + "-renamed")
        # A renamed key keeps working.
        other = artifacta.Client(api_key=created.key, base_url=self.base_url)
        self.assertEqual(other.whoami().key.name, name + "-renamed")

        revoked = self.client.keys.revoke(created.id)
        self.assertEqual(revoked.status, "revoked")
        self.assertIsNotNone(revoked.revoked_at)
        with self.assertRaises(artifacta.AuthenticationError):
            other.whoami()
        with self.assertRaises(artifacta.Conflict) as twice:
            self.client.keys.revoke(created.id)
        self.assertEqual(twice.exception.slug, "api-key-already-revoked")

        self.assertNotIn(created.id, {k.id for k in self.client.keys.list()})
        self.assertIn(created.id, {k.id for k in self.client.keys.list(status="revoked")})
        self.assertIn(created.id, {k.id for k in self.client.keys.list(status="all")})

    def test_identity_me_and_none_act_as_the_user(self):
        for identity in (None, "me"):
            key = self.new_key("me-key", identity=identity)
            self.assertEqual(key.identity.type, "user")
            # Scopes default on the server.
            self.assertEqual(sorted(key.scopes), ["artifacts:create", "artifacts:read", "artifacts:update", "comments:write"])

    def test_identity_by_agent_id_or_agent_object(self):
        agent = self.client.agents.create(unique("deploy-bot"))
        by_id = self.new_key("agent-key", identity=agent.id, scopes=["artifacts:read"])
        by_object = self.new_key("agent-key", identity=agent, scopes=["artifacts:read"])
        for key in (by_id, by_object):
            self.assertEqual(key.identity.type, "agent")
            self.assertEqual(key.identity.agent_id, agent.id)

    def test_expires_at_is_sent_as_an_instant(self):
        from datetime import datetime, timedelta, timezone

        when = (datetime.now(timezone.utc) + timedelta(days=3)).replace(microsecond=0)
        key = self.new_key("expiring", expires_at=when)
        self.assertEqual(key.expires_at, when)


class AgentsTest(ServerTest):
    def test_agent_lifecycle_create_list_get_update_disable_enable(self):
        name = unique("release-bot")
        agent = self.client.agents.create(name, description="ships releases", role="viewer")
        self.assertIsInstance(agent, artifacta.Agent)
        self.assertEqual((agent.name, agent.role, agent.status), (name, "viewer", "active"))
        self.assertEqual(agent.description, "ships releases")

        self.assertIn(agent.id, {a.id for a in self.client.agents.list()})
        self.assertEqual(self.client.agents.get(agent.id).name, name)

        updated = self.client.agents.update(agent, name=name + "-2", role="editor")
        self.assertEqual((updated.name, updated.role), (name + "-2", "editor"))
        self.assertEqual(self.client.agents.update(agent, role="admin").name, name + "-2")

        key = self.new_key("release-bot-key", identity=agent, scopes=["artifacts:read"])
        as_agent = artifacta.Client(api_key=key.key, base_url=self.base_url)
        self.assertEqual(as_agent.whoami().principal.role, "admin")

        self.assertEqual(self.client.agents.disable(agent).status, "disabled")
        with self.assertRaises(artifacta.AuthenticationError):
            as_agent.whoami()
        self.assertEqual(self.client.agents.enable(agent.id).status, "active")
        self.assertEqual(as_agent.whoami().principal.acting_for.id, agent.id)

    def test_agent_names_are_unique(self):
        name = unique("twin")
        self.client.agents.create(name)
        with self.assertRaises(artifacta.Conflict) as raised:
            self.client.agents.create(name)
        self.assertEqual(raised.exception.slug, "agent-name-taken")
