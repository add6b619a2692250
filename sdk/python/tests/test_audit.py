"""The audit trail: search across pages with each filter, and export to a file."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import tempfile
from datetime import datetime, timedelta, timezone

from support import ServerTest, artifacta, unique


class AuditSearchTest(ServerTest):
    def test_search_follows_next_cursor_through_every_page(self):
        key = self.new_key("audited", scopes=["artifacts:read"])
        for i in range(11):
            self.client.keys.rename(key, f"{key.name}-{i}")

        with self.assertLogs("artifacta", logging.DEBUG) as logs:
            entries = list(self.client.audit.search(resource=key.id, page_size=5))

        self.assertEqual(len(entries), 12, "created + 11 renames, more than two pages of 5")
        self.assertEqual(len({e.id for e in entries}), 12, "no entry repeated across pages")
        pages = [line for line in logs.output if "GET /v1/audit-events" in line]
        self.assertEqual(len(pages), 3)
        self.assertEqual(entries[-1].action, "api_key.created")
        self.assertEqual(entries[0].action, "api_key.renamed")
        times = [e.occurred_at for e in entries]
        self.assertEqual(times, sorted(times, reverse=True), "newest first")

        oldest_first = list(self.client.audit.search(resource=key.id, order="asc", page_size=5))
        self.assertEqual([e.id for e in oldest_first], [e.id for e in reversed(entries)])

        first = entries[-1]
        self.assertIsInstance(first, artifacta.AuditEvent)
        self.assertEqual((first.resource_type, first.resource_id), ("api_key", key.id))
        self.assertEqual(first.actor.type, "api_key")
        self.assertEqual(first.details["name"], key.name)

    def test_search_by_key_name_action_actor_and_time(self):
        started = datetime.now(timezone.utc) - timedelta(seconds=1)
        key = self.new_key("writer", scopes=["artifacts:read", "artifacts:create"])
        writer = artifacta.Client(api_key=key.key, base_url=self.base_url)
        made = {writer.artifacts.create(unique("by-writer"), "x").id for _ in range(3)}
        self.client.keys.rename(key, key.name + "-later")  # keyName matches the name at the time

        by_name = list(self.client.audit.search(key_name=key.name, page_size=2))
        self.assertEqual({e.resource_id for e in by_name}, made)
        self.assertTrue(all(e.action == "artifact.created" for e in by_name))
        self.assertTrue(all(e.actor.key_name == key.name for e in by_name))

        by_action = list(self.client.audit.search(action="artifact.", actor=key.id, since=started))
        self.assertEqual({e.resource_id for e in by_action}, made)
        by_type = list(self.client.audit.search(actor_type="api_key", resource_type="artifact", key_id=key.id))
        self.assertEqual({e.resource_id for e in by_type}, made)

        self.assertEqual(list(self.client.audit.search(key_name=key.name, until=started)), [])
        window = self.client.audit.search(
            key_name=key.name, since=started.isoformat(), until=datetime.now(timezone.utc) + timedelta(minutes=1)
        )
        self.assertEqual({e.resource_id for e in window}, made)

    def test_bad_filters_are_validation_errors(self):
        with self.assertRaises(artifacta.ValidationError) as raised:
            list(self.client.audit.search(since="yesterday"))
        self.assertEqual((raised.exception.status, raised.exception.slug), (400, "invalid-time"))


class AuditExportTest(ServerTest):
    def test_export_jsonl_to_a_file(self):
        self.client.projects.create(unique("exported"), "something to export")
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "audit.jsonl")

            result = self.client.audit.export(path)

            self.assertEqual(result.path, path)
            self.assertEqual(result.format, "jsonl")
            self.assertEqual(result.bytes, os.path.getsize(path))
            with open(path, encoding="utf-8") as f:
                lines = [json.loads(line) for line in f if line.strip()]
            self.assertIn("checkpoint", lines[-1])
            entries = lines[:-1]
            self.assertGreater(len(entries), 1)
            self.assertEqual([e["sequence"] for e in entries], list(range(1, len(entries) + 1)))
            self.assertIn("project.created", {e["action"] for e in entries})
            self.assertEqual([n for n in os.listdir(directory)], ["audit.jsonl"], "no partial file left")

    def test_export_csv_names_its_checkpoint(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "audit.csv")
            result = self.client.audit.export(path, format="csv", until=datetime.now(timezone.utc))
            with open(path, newline="", encoding="utf-8") as f:
                rows = list(csv.DictReader(f))
        self.assertGreater(len(rows), 0)
        self.assertIn("action", rows[0])
        self.assertIsNotNone(result.checkpoint)
        checkpoint = self.client.audit.checkpoint(result.checkpoint)
        self.assertIsInstance(checkpoint, dict)
        self.assertIn("publicKey", self.client.audit.signing_key())

    def test_export_into_a_file_object(self):
        buffer = io.BytesIO()
        result = self.client.audit.export(buffer)
        self.assertEqual(result.bytes, len(buffer.getvalue()))
        self.assertIn(b'"checkpoint"', buffer.getvalue().splitlines()[-1])

    def test_unknown_format_is_refused_before_any_request(self):
        with self.assertRaises(ValueError):
            self.client.audit.export(os.devnull, format="xml")
