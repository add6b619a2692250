"""Where the client finds its API key and base URL.

Order, first match wins: the constructor's arguments, the environment (``ARTIFACTA_API_KEY``,
alias ``AGENT_ARTIFACTS_TOKEN``; ``ARTIFACTA_BASE_URL``, alias ``AGENT_ARTIFACTS_BASE_URL``),
the config file (``$XDG_CONFIG_HOME/artifacta/config.toml``, by default
``~/.config/artifacta/config.toml``, keys ``api_key`` and ``base_url``), then
``http://localhost:8080`` for the base URL.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from .errors import ConfigurationError

DEFAULT_BASE_URL = "http://localhost:8080"
API_KEY_ENV = ("ARTIFACTA_API_KEY", "AGENT_ARTIFACTS_TOKEN")
BASE_URL_ENV = ("ARTIFACTA_BASE_URL", "AGENT_ARTIFACTS_BASE_URL")


@dataclass(frozen=True)
class Settings:
    """The resolved settings, and where each came from (for messages; never the key itself)."""

    api_key: Optional[str] = field(repr=False)
    base_url: str
    api_key_source: Optional[str]
    base_url_source: str


def config_path(environ: Mapping[str, str]) -> Path:
    xdg = environ.get("XDG_CONFIG_HOME")
    base = Path(xdg) if xdg else Path(environ.get("HOME") or Path.home()) / ".config"
    return base / "artifacta" / "config.toml"


def _first_env(environ: Mapping[str, str], names: tuple) -> tuple:
    for name in names:
        value = environ.get(name)
        if value and value.strip():
            return value.strip(), name
    return None, None


def _read_config(path: Path) -> dict:
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as e:
        # The decoder's message gives a line and column, never the file's text.
        raise ConfigurationError(f"{path} is not valid TOML: {e}") from None
    except OSError as e:
        raise ConfigurationError(f"cannot read {path}: {e.strerror}") from None
    for key in ("api_key", "base_url"):
        if key in data and not isinstance(data[key], str):
            raise ConfigurationError(f"{path}: {key} must be a string")
    return data


def resolve(
    api_key: Optional[str] = None,
    base_url: Optional[str] = None,
    environ: Optional[Mapping[str, str]] = None,
) -> Settings:
    env = os.environ if environ is None else environ
    config: Optional[dict] = None
    path = config_path(env)

    def file() -> dict:
        nonlocal config
        if config is None:
            config = _read_config(path)
        return config

    if api_key:
        key, key_source = api_key, "argument"
    else:
        key, key_source = _first_env(env, API_KEY_ENV)
        if key is None and file().get("api_key", "").strip():
            key, key_source = file()["api_key"].strip(), str(path)

    if base_url:
        url, url_source = base_url, "argument"
    else:
        url, url_source = _first_env(env, BASE_URL_ENV)
        if url is None and file().get("base_url", "").strip():
            url, url_source = file()["base_url"].strip(), str(path)
        if url is None:
            url, url_source = DEFAULT_BASE_URL, "default"

    return Settings(api_key=key, base_url=url.rstrip("/"), api_key_source=key_source, base_url_source=url_source)
