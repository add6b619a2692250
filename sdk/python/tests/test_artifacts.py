"""Artifacts: push, pull, versions, diff, restore, delete; projects, listing pages, access."""

from __future__ import annotations

import hashlib
import os
import tempfile

from support import ServerTest, artifacta, unique


class ArtifactsTest(ServerTest):
    def test_push_creates_then_appends_and_pull_versions_diff_restore_delete(self):
        title = unique("report")
        first = self.client.artifacts.push(title, "line one\n")
        self.assertIsInstance(first, artifacta.Artifact)
        self.assertEqual((first.title, first.version, first.project), (title, 1, "default"))

        second = self.client.artifacts.push(title, "line one\nline two\n")
        self.assertEqual(second.id, first.id, "a second push of the same title appends")
        self.assertEqual(second.version, 2)

        self.assertEqual(self.client.artifacts.pull(first.id), b"line one\nline two\n")
        self.assertEqual(self.client.artifacts.pull(first, version=1), b"line one\n")

        versions = self.client.artifacts.versions(first)
        self.assertEqual([v.version for v in versions], [2, 1])
        self.assertEqual(versions[1].sha256, hashlib.sha256(b"line one\n").hexdigest())

        diff = self.client.artifacts.diff(first, 1, 2)
        self.assertTrue(diff.text)
        self.assertFalse(diff.identical)
        self.assertIn("+line two", diff.unified)
        self.assertEqual((diff.from_, diff.to), (1, 2))

        restored = self.client.artifacts.restore(first, 1)
        self.assertEqual((restored.version, restored.restored_from), (3, 1))
        self.assertEqual(self.client.artifacts.pull(first), b"line one\n")
        self.assertTrue(self.client.artifacts.diff(first, 1, 3).identical)

        self.client.artifacts.delete(first)
        with self.assertRaises(artifacta.NotFound):
            self.client.artifacts.get(first.id)
        self.assertIsNone(self.client.artifacts.find(title))

    def test_bytes_and_files(self):
        data = bytes(range(256)) * 4
        created = self.client.artifacts.create(unique("blob"), data, content_type="application/octet-stream")
        self.assertEqual(created.size, len(data))
        self.assertEqual(self.client.artifacts.pull(created), data)

        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "notes.md")
            with open(path, "w", encoding="utf-8") as f:
                f.write("# Notes\n")
            pushed = self.client.artifacts.push(path=path, project=self._project())
            self.assertEqual((pushed.title, pushed.file_name), ("notes.md", "notes.md"))
            self.assertEqual(pushed.content_type.split(";")[0], "text/markdown")
            with open(path, "a", encoding="utf-8") as f:
                f.write("more\n")
            again = self.client.artifacts.push(path=path, project=pushed.project)
            self.assertEqual((again.id, again.version), (pushed.id, 2))
            self.assertEqual(self.client.artifacts.pull(again), b"# Notes\nmore\n")

    def test_append_with_a_stale_if_match_is_a_precondition_failure(self):
        artifact = self.client.artifacts.create(unique("guarded"), "v1")
        self.assertEqual(self.client.artifacts.append(artifact, "v2", if_match=1).version, 2)
        with self.assertRaises(artifacta.PreconditionFailed) as raised:
            self.client.artifacts.append(artifact, "v3", if_match=1)
        self.assertEqual(raised.exception.status, 412)
        self.assertEqual(raised.exception.slug, "version-mismatch")
        self.assertEqual(self.client.artifacts.get(artifact).version, 2)

    def test_projects_and_listing_every_page(self):
        slug = self._project()
        self.assertIn(slug, {p.slug for p in self.client.projects.list()})
        titles = {unique(f"page-item-{i}") for i in range(5)}
        for title in titles:
            self.client.artifacts.create(title, "x", project=slug)

        listed = list(self.client.artifacts.list(project=slug, page_size=2))

        self.assertEqual({a.title for a in listed}, titles)
        self.assertEqual(len(listed), 5)
        self.assertTrue(all(a.project == slug for a in listed))

    def test_push_needs_exactly_one_of_content_and_path(self):
        with self.assertRaises(TypeError):
            self.client.artifacts.push(unique("empty"))
        with self.assertRaises(TypeError):
            self.client.artifacts.push(unique("both"), "x", path=__file__)

    def test_push_into_a_missing_project_is_not_found(self):
        with self.assertRaises(artifacta.NotFound) as raised:
            self.client.artifacts.push(unique("lost"), "x", project=unique("no-such-project"))
        self.assertEqual(raised.exception.slug, "project-not-found")

    def test_access_settings(self):
        artifact = self.client.artifacts.create(unique("public"), "hello")
        access = self.client.access.get(artifact)
        self.assertIsInstance(access, artifacta.Access)
        self.assertTrue(access.public_view)
        self.assertFalse(access.public_edit)
        self.assertEqual(access.viewer_emails, [])
        if self.client.whoami().plan == "free":
            with self.assertRaises(artifacta.PermissionDenied) as raised:
                self.client.access.set(artifact, public_view=False)
            self.assertEqual(raised.exception.slug, "plan-upgrade-required")
            self.assertEqual(raised.exception.required_plan, "pro")
            return
        changed = self.client.access.set(artifact, public_view=False, viewer_emails=["Teammate@Example.com"])
        self.assertFalse(changed.public_view)
        self.assertEqual(changed.viewer_emails, ["teammate@example.com"])
        # Settings not given keep their values.
        self.assertEqual(self.client.access.set(artifact, public_edit=False).viewer_emails, ["teammate@example.com"])

    def _project(self) -> str:
        slug = unique("proj")
        project = self.client.projects.create(slug, "SDK test project")
        self.assertEqual((project.slug, project.name), (slug, "SDK test project"))
        return slug
