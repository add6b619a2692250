"""Artifacta's Python SDK: versioned artifacts, API keys, agents and the audit trail.

    from artifacta import Client
    client = Client()               # ARTIFACTA_API_KEY, else ~/.config/artifacta/config.toml
    print(client.whoami().tenant_name)

Standard library only.
"""

from ._version import __version__
from .client import Client, signup
from .errors import (
    ArtifactaError,
    AuthenticationError,
    ConfigurationError,
    Conflict,
    ConnectionFailed,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    PreconditionFailed,
    RateLimited,
    ServerError,
    ValidationError,
)
from .models import (
    Access,
    Agent,
    ApiKey,
    Artifact,
    AuditEvent,
    AuditExport,
    Comment,
    CreatedApiKey,
    CreatedShareLink,
    Diff,
    Identity,
    KeyInfo,
    Principal,
    Project,
    ShareLink,
    Signup,
    Version,
    WhoAmI,
)

__all__ = [
    "__version__",
    "Client",
    "signup",
    "ArtifactaError",
    "AuthenticationError",
    "ConfigurationError",
    "Conflict",
    "ConnectionFailed",
    "NotFound",
    "PayloadTooLarge",
    "PermissionDenied",
    "PreconditionFailed",
    "RateLimited",
    "ServerError",
    "ValidationError",
    "Access",
    "Agent",
    "ApiKey",
    "Artifact",
    "AuditEvent",
    "AuditExport",
    "Comment",
    "CreatedApiKey",
    "CreatedShareLink",
    "Diff",
    "Identity",
    "KeyInfo",
    "Principal",
    "Project",
    "ShareLink",
    "Signup",
    "Version",
    "WhoAmI",
]
