"""Share links: create (the token once), list, open, revoke."""

from __future__ import annotations

import urllib.error
import urllib.request

from support import ServerTest, artifacta, unique


class ShareLinksTest(ServerTest):
    def setUp(self):
        super().setUp()
        if self.client.whoami().plan == "free":
            self.skipTest("share links need the tenant on Pro or Team (PythonSdkIT moves its tenant to Pro)")

    def test_create_list_open_revoke(self):
        artifact = self.client.artifacts.create(unique("shared"), "for your eyes")

        link = self.client.share_links.create(artifact, role="viewer")
        self.assertIsInstance(link, artifacta.CreatedShareLink)
        self.assertTrue(link.token.startswith("sl_live_"))
        self.assertEqual((link.artifact_id, link.role), (artifact.id, "viewer"))
        self.assertNotIn(link.token, repr(link))

        listed = self.client.share_links.list(artifact)
        self.assertEqual([(s.id, s.status) for s in listed], [(link.id, "active")])
        self.assertFalse(hasattr(listed[0], "token"))
        self.assertEqual(self._open(link.token), b"for your eyes")

        self.client.share_links.revoke(link)
        self.assertEqual(self.client.share_links.list(artifact)[0].status, "revoked")
        with self.assertRaises(urllib.error.HTTPError) as gone:
            self._open(link.token)
        self.assertEqual(gone.exception.code, 404)
        with self.assertRaises(artifacta.Conflict):
            self.client.share_links.revoke(link.id)

    def test_expiring_editor_link(self):
        from datetime import datetime, timedelta, timezone

        artifact = self.client.artifacts.create(unique("shared-edit"), "draft")
        when = (datetime.now(timezone.utc) + timedelta(days=1)).replace(microsecond=0)
        link = self.client.share_links.create(artifact.id, "editor", expires_at=when)
        self.assertEqual((link.role, link.expires_at), ("editor", when))

    def _open(self, token: str) -> bytes:
        with urllib.request.urlopen(f"{self.base_url}/v1/shared/{token}/content", timeout=30) as resp:
            return resp.read()
