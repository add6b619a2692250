"""HTTP over urllib: JSON in and out, problems turned into exceptions, the key kept secret.

The key travels only in the ``Authorization`` header. Redirects are not followed (a redirect to
another host would carry the header there). Any text that goes into an exception or a log record
passes through :meth:`Transport.redact` first, which removes the key and anything shaped like an
Artifacta secret.
"""

from __future__ import annotations

import http.client
import json
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from typing import Any, Mapping, Optional

from ._version import __version__
from ._config import API_KEY_ENV, Settings
from .errors import ArtifactaError, ConnectionFailed, RateLimited, error_class

log = logging.getLogger("artifacta")

# API keys (ak_live_…) and share-link tokens (sl_live_…): never put into a message.
_SECRET = re.compile(r"\b(ak|sl)_(live|test)_[A-Za-z0-9]+")
_MAX_ERROR_BODY = 64 * 1024


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401 - urllib API
        return None  # urllib then raises HTTPError with the 3xx, which becomes an ArtifactaError


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    return str(value)


class Response:
    """A successful answer: status, headers and the body (bytes), or an open stream."""

    def __init__(self, status: int, headers: Any, body: Optional[bytes], stream: Any = None) -> None:
        self.status = status
        self.headers = headers
        self.body = body
        self.stream = stream

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class Transport:
    def __init__(self, settings: Settings, timeout: float) -> None:
        self._settings = settings
        self._timeout = timeout
        self._opener = urllib.request.build_opener(_NoRedirect())
        self.user_agent = f"artifacta-python/{__version__}"

    @property
    def base_url(self) -> str:
        return self._settings.base_url

    @property
    def has_key(self) -> bool:
        return bool(self._settings.api_key)

    def redact(self, text: Optional[str]) -> Optional[str]:
        if text is None:
            return None
        key = self._settings.api_key
        if key:
            text = text.replace(key, "[redacted]")
        return _SECRET.sub(lambda m: f"{m.group(1)}_{m.group(2)}_[redacted]", text)

    def _redact_obj(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, dict):
            return {k: self._redact_obj(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._redact_obj(v) for v in value]
        return value

    def url(self, path: str, params: Optional[Mapping[str, Any]] = None) -> str:
        url = self._settings.base_url + path
        if params:
            pairs = [(k, _query_value(v)) for k, v in params.items() if v is not None]
            if pairs:
                url += "?" + urllib.parse.urlencode(pairs)
        return url

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Optional[Mapping[str, Any]] = None,
        json_body: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        stream: bool = False,
    ) -> Response:
        url = self.url(path, params)
        data = None
        all_headers = {
            "Accept": "application/json, application/problem+json;q=0.9, */*;q=0.1",
            "User-Agent": self.user_agent,
        }
        if json_body is not None:
            data = json.dumps(json_body).encode("utf-8")
            all_headers["Content-Type"] = "application/json"
        if self._settings.api_key:
            all_headers["Authorization"] = f"Bearer {self._settings.api_key}"
        all_headers.update(headers or {})
        req = urllib.request.Request(url, data=data, method=method, headers=all_headers)
        started = time.monotonic()
        shown = self.redact(f"{method} {path}")
        try:
            resp = self._opener.open(req, timeout=self._timeout)
        except urllib.error.HTTPError as e:
            log.debug("%s -> %s (%.0f ms)", shown, e.code, (time.monotonic() - started) * 1000)
            try:
                raise self._error(e.code, e.headers, e.read(_MAX_ERROR_BODY), e.reason) from None
            finally:
                e.close()
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            log.debug("%s -> no answer: %s", shown, reason)
            raise ConnectionFailed(
                self.redact(f"cannot reach {self._settings.base_url}: {reason}")
            ) from None
        log.debug("%s -> %s (%.0f ms)", shown, resp.status, (time.monotonic() - started) * 1000)
        if stream:
            return Response(resp.status, resp.headers, None, stream=resp)
        with resp:
            try:
                body = resp.read()
            except (OSError, http.client.HTTPException) as e:
                raise ConnectionFailed(self.redact(f"the answer to {shown} broke off: {e}")) from None
        return Response(resp.status, resp.headers, body)

    def _error(self, status: int, headers: Any, body: bytes, reason: Any) -> ArtifactaError:
        problem: dict = {}
        try:
            parsed = json.loads(body.decode("utf-8")) if body else None
            if isinstance(parsed, dict):
                problem = parsed
        except (UnicodeDecodeError, ValueError):
            pass
        if not problem:
            text = body.decode("utf-8", "replace").strip()[:500] if body else ""
            problem = {"status": status, "title": str(reason or "")}
            if text:
                problem["detail"] = text
        problem = self._redact_obj(problem)

        slug = None
        if isinstance(problem.get("type"), str):
            slug = problem["type"].rstrip("/").rsplit("/", 1)[-1]
        what = slug or problem.get("title") or f"HTTP {status}"
        message = f"{status} {what}"
        if problem.get("detail"):
            message += f": {problem['detail']}"
        if status == 401 and not self.has_key:
            message += f" (no API key configured: set {API_KEY_ENV[0]}, api_key in the config file, or Client(api_key=...))"
        message = self.redact(message)

        cls = error_class(status)
        if cls is RateLimited:
            return RateLimited(message, status=status, problem=problem, retry_after=_retry_after(headers))
        return cls(message, status=status, problem=problem)


def _retry_after(headers: Any) -> Optional[int]:
    value = headers.get("Retry-After") if headers is not None else None
    if value is None:
        return None
    try:
        return max(0, int(value.strip()))
    except ValueError:
        pass
    try:  # an HTTP date
        from email.utils import parsedate_to_datetime

        when = parsedate_to_datetime(value)
        return max(0, int((when - datetime.now(timezone.utc)).total_seconds()))
    except (TypeError, ValueError):
        return None
