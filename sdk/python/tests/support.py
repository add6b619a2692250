"""Shared set-up of the SDK tests: they run against a real Artifacta server.

``ARTIFACTA_BASE_URL`` names the server (the tests are skipped without it, so that they never
write to a server nobody chose) and ``ARTIFACTA_API_KEY`` a key with every scope (the first key of
a tenant); without a key the tests sign up a tenant of their own. Everything they create is
named with a random suffix, so the same tenant can run them again. Share links need the tenant on
Pro or Team: the Java ``PythonSdkIT`` moves its tenant there; elsewhere that test is skipped.

The package is imported from ../src, so the tests check this tree's code without installing it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import unittest
import uuid
from typing import Optional
from unittest import mock

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "src")
sys.path.insert(0, os.path.abspath(SRC))

import artifacta  # noqa: E402  (after the path is set)

ENV_NAMES = (
    "ARTIFACTA_API_KEY",
    "AGENT_ARTIFACTS_TOKEN",
    "ARTIFACTA_BASE_URL",
    "AGENT_ARTIFACTS_BASE_URL",
    "XDG_CONFIG_HOME",
)

_server: Optional[tuple] = None


def server() -> tuple:
    """(base URL, key) of the server under test; signs up a tenant once if no key was given."""
    global _server
    if _server is None:
        base_url = os.environ.get("ARTIFACTA_BASE_URL")
        if not base_url:
            raise unittest.SkipTest("ARTIFACTA_BASE_URL is not set: no server to test against")
        key = os.environ.get("ARTIFACTA_API_KEY")
        if not key:
            tenant = artifacta.signup(unique("sdk-tests"), "owner@sdk-tests.example", base_url=base_url)
            key = tenant.api_key.key
        _server = (base_url, key)
    return _server


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def client(api_key: Optional[str] = None) -> artifacta.Client:
    """A client for the server under test, with the tenant's key unless told another."""
    base_url, key = server()
    return artifacta.Client(api_key=api_key or key, base_url=base_url)


class ServerTest(unittest.TestCase):
    """A test against the server; the user's own config file is never read (XDG_CONFIG_HOME
    points at an empty directory for the whole test)."""

    def setUp(self) -> None:
        self.base_url, self.key = server()
        config_home = tempfile.TemporaryDirectory()
        self.addCleanup(config_home.cleanup)
        self.config_home = config_home.name
        patcher = mock.patch.dict(os.environ, {"XDG_CONFIG_HOME": self.config_home})
        patcher.start()
        self.addCleanup(patcher.stop)
        self.client = client()

    def isolated_env(self, **values: str) -> mock._patch_dict:
        """os.environ without any Artifacta variable, plus ``values``."""
        env = {k: v for k, v in os.environ.items() if k not in ENV_NAMES}
        env["XDG_CONFIG_HOME"] = self.config_home
        env.update(values)
        return mock.patch.dict(os.environ, env, clear=True)

    def write_config(self, text: str) -> str:
        directory = os.path.join(self.config_home, "artifacta")
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, "config.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def new_key(self, prefix: str, **kwargs) -> "artifacta.CreatedApiKey":
        """A key that is revoked again when the test ends (Free allows 10 active keys)."""
        key = self.client.keys.create(unique(prefix), **kwargs)
        self.addCleanup(self._revoke_quietly, key.id)
        return key

    def _revoke_quietly(self, key_id: str) -> None:
        try:
            self.client.keys.revoke(key_id)
        except (artifacta.Conflict, artifacta.NotFound):
            pass  # the test revoked it already
