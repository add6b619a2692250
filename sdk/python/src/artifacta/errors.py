"""Exceptions raised by the client.

Every error answer of the API is an RFC 9457 problem (``application/problem+json``); the client
raises the subclass of :class:`ArtifactaError` that matches its status and keeps the problem in
``.problem``. Nothing here ever holds the API key: the transport removes it from any text it puts
into an exception.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

__all__ = [
    "ArtifactaError",
    "ConfigurationError",
    "ConnectionFailed",
    "AuthenticationError",
    "PermissionDenied",
    "NotFound",
    "Conflict",
    "PreconditionFailed",
    "ValidationError",
    "PayloadTooLarge",
    "RateLimited",
    "ServerError",
]


class ArtifactaError(Exception):
    """Base of every error the client raises.

    ``problem`` is the problem document (a dict, empty when the answer had none), ``status`` the
    HTTP status (None when no answer arrived), ``type`` the problem's stable type URI,
    ``slug`` its last path segment (``"api-key-name-taken"``), ``title`` and ``detail`` its texts.
    """

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        problem: Optional[Mapping[str, Any]] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.problem: dict = dict(problem or {})

    @property
    def type(self) -> Optional[str]:
        return self.problem.get("type")

    @property
    def slug(self) -> Optional[str]:
        t = self.type
        return t.rstrip("/").rsplit("/", 1)[-1] if t else None

    @property
    def title(self) -> Optional[str]:
        return self.problem.get("title")

    @property
    def detail(self) -> Optional[str]:
        return self.problem.get("detail")

    @property
    def request_id(self) -> Optional[str]:
        return self.problem.get("requestId")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, type={self.type!r}, message={self.message!r})"


class ConfigurationError(ArtifactaError):
    """The configuration file could not be read or has the wrong shape."""


class ConnectionFailed(ArtifactaError):
    """No answer: the server could not be reached, or the connection broke."""


class AuthenticationError(ArtifactaError):
    """401: no key, or a malformed, unknown, revoked or expired key (or a disabled agent's)."""


class PermissionDenied(ArtifactaError):
    """403: the key lacks a scope or role, the plan lacks a feature, or an escalation was refused.

    ``required_scope`` / ``required_role`` / ``required_plan`` name what was missing, when the
    server says so.
    """

    @property
    def required_scope(self) -> Optional[str]:
        return self.problem.get("requiredScope")

    @property
    def required_role(self) -> Optional[str]:
        return self.problem.get("requiredRole")

    @property
    def required_plan(self) -> Optional[str]:
        return self.problem.get("requiredPlan")


class NotFound(ArtifactaError):
    """404: no such resource, or one the caller may not see."""


class Conflict(ArtifactaError):
    """409: the request conflicts with the current state (name taken, limit reached, revoked…)."""


class PreconditionFailed(ArtifactaError):
    """412: ``If-Match`` named a version that is no longer the head."""


class ValidationError(ArtifactaError):
    """400 or 422: the request was malformed or broke a rule. ``errors`` lists field violations."""

    @property
    def errors(self) -> list:
        return list(self.problem.get("errors") or [])


class PayloadTooLarge(ArtifactaError):
    """413: a version over the content limit, or a body over the request limit."""


class RateLimited(ArtifactaError):
    """429: the monthly quota is spent, or too many failed authentications.

    ``retry_after`` is the server's ``Retry-After`` in seconds (None if it sent none).
    """

    def __init__(self, message: str, *, retry_after: Optional[int] = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(ArtifactaError):
    """5xx: the server failed; ``request_id`` helps its operator find the cause."""


_BY_STATUS = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionDenied,
    404: NotFound,
    409: Conflict,
    412: PreconditionFailed,
    413: PayloadTooLarge,
    422: ValidationError,
    429: RateLimited,
}


def error_class(status: int) -> type:
    """The exception class for an HTTP error status."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    if status >= 500:
        return ServerError
    return ArtifactaError
