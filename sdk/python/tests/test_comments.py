"""Comments: add, reply, list (newest first, replies under their comment), edit, delete, limits."""

from __future__ import annotations

from support import ServerTest, artifacta, unique


class CommentsTest(ServerTest):
    def test_add_reply_list_edit_delete(self):
        artifact = self.client.artifacts.create(unique("reviewed"), "draft")

        first = self.client.comments.add(artifact, "Needs a summary.", version=1)
        second = self.client.comments.add(artifact.id, "Typo in line 2.")
        reply = self.client.comments.reply(artifact, first, "Added one.")

        self.assertIsInstance(first, artifacta.Comment)
        self.assertEqual((first.version, first.author["type"]), (1, "user"))
        self.assertEqual((reply.parent_id, reply.version), (first.id, 1))
        listed = list(self.client.comments.list(artifact))
        self.assertEqual([c.id for c in listed], [second.id, first.id])
        self.assertEqual([r.body for r in listed[1].replies], ["Added one."])
        self.assertEqual([c.id for c in self.client.comments.list(artifact, version=1)], [first.id])

        edited = self.client.comments.edit(artifact, second, "Typo in line 3.")
        self.assertEqual(edited.body, "Typo in line 3.")
        self.assertIsNotNone(edited.edited_at)

        self.client.comments.delete(artifact, second)
        with self.assertRaises(artifacta.NotFound):
            self.client.comments.get(artifact, second)
        self.assertEqual([c.id for c in self.client.comments.list(artifact)], [first.id])

    def test_a_comment_over_the_limit_is_a_validation_error(self):
        artifact = self.client.artifacts.create(unique("long"), "x")
        with self.assertRaises(artifacta.ValidationError) as refused:
            self.client.comments.add(artifact, "x" * 10_001)
        self.assertIn("10000", str(refused.exception))
