"""What the API answers, as dataclasses.

Field names are the JSON names in snake case (``publicView`` → ``public_view``); timestamps are
timezone-aware ``datetime``s. Each object keeps the answer it was made from in ``raw`` (hidden
from ``repr``), so a field added to the API is readable before the SDK names it. Secrets that the
API returns once (a new key, a new share link's token) are left out of ``repr``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, Dict, List, Mapping, Optional, Type, TypeVar

T = TypeVar("T")

def parse_time(value: Any) -> Optional[datetime]:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def _build(cls: Type[T], data: Optional[Mapping[str, Any]], **nested: Any) -> Optional[T]:
    """Makes ``cls`` from a JSON object: known fields by their snake-case names, times parsed,
    nested objects from ``nested`` (already built), the whole object in ``raw``."""
    if data is None:
        return None
    kwargs: Dict[str, Any] = {}
    for f in fields(cls):
        if f.name == "raw":
            continue
        if f.name in nested:
            kwargs[f.name] = nested[f.name]
            continue
        camel = re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), f.name)
        if camel in data:
            value = data[camel]
            if f.metadata.get("time"):
                value = parse_time(value)
            kwargs[f.name] = value
    if any(f.name == "raw" for f in fields(cls)):
        kwargs["raw"] = dict(data)
    return cls(**kwargs)


def _time() -> Any:
    return field(default=None, metadata={"time": True})


def _raw() -> Any:
    return field(default_factory=dict, repr=False, compare=False)


# --- identity ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """Who a key acts as: ``type`` is ``user`` (named by email) or ``agent`` (with ``agent_id``)."""

    type: Optional[str] = None
    name: Optional[str] = None
    agent_id: Optional[str] = None
    raw: dict = _raw()

    @classmethod
    def from_json(cls, data: Optional[Mapping[str, Any]]) -> Optional["Identity"]:
        return _build(cls, data)


@dataclass(frozen=True)
class ActingFor:
    """The user or agent behind a principal; an agent names its ``sponsor``."""

    type: Optional[str] = None
    id: Optional[str] = None
    display_name: Optional[str] = None
    role: Optional[str] = None
    sponsor: Optional[dict] = None
    raw: dict = _raw()


@dataclass(frozen=True)
class Principal:
    """Who is calling: ``type`` is ``api_key``, ``user``, ``agent`` or ``oauth_client``."""

    type: Optional[str] = None
    id: Optional[str] = None
    display_name: Optional[str] = None
    role: Optional[str] = None
    scopes: Optional[List[str]] = None
    acting_for: Optional[ActingFor] = None
    raw: dict = _raw()

    @classmethod
    def from_json(cls, data: Optional[Mapping[str, Any]]) -> Optional["Principal"]:
        if data is None:
            return None
        return _build(cls, data, acting_for=_build(ActingFor, data.get("actingFor")))


@dataclass(frozen=True)
class KeyInfo:
    """The calling key as whoami describes it (never the secret)."""

    id: Optional[str] = None
    name: Optional[str] = None
    prefix: Optional[str] = None
    last4: Optional[str] = None
    scopes: List[str] = field(default_factory=list)
    identity: Optional[Identity] = None
    raw: dict = _raw()

    @classmethod
    def from_json(cls, data: Optional[Mapping[str, Any]]) -> Optional["KeyInfo"]:
        if data is None:
            return None
        return _build(cls, data, identity=Identity.from_json(data.get("identity")))


@dataclass(frozen=True)
class WhoAmI:
    """The answer of ``GET /v1/whoami``: the tenant, the principal, the key and the usage."""

    tenant_id: str
    tenant_name: str
    plan: str
    principal: Optional[Principal]
    key: Optional[KeyInfo]
    requests_period: Optional[str]
    requests_used: Optional[int]
    requests_limit: Optional[int]
    requests_resets_at: Optional[datetime]
    storage_used: Optional[int]
    storage_limit: Optional[int]
    raw: dict = _raw()

    @property
    def principal_type(self) -> Optional[str]:
        return self.principal.type if self.principal else None

    @property
    def scopes(self) -> List[str]:
        if self.key is not None:
            return list(self.key.scopes)
        return list((self.principal.scopes if self.principal else None) or [])

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "WhoAmI":
        tenant = data.get("tenant") or {}
        usage = data.get("usage") or {}
        requests = usage.get("requests") or {}
        storage = usage.get("storage") or {}
        return cls(
            tenant_id=tenant.get("id"),
            tenant_name=tenant.get("name"),
            plan=tenant.get("plan"),
            principal=Principal.from_json(data.get("principal")),
            key=KeyInfo.from_json(data.get("key")),
            requests_period=requests.get("period"),
            requests_used=requests.get("used"),
            requests_limit=requests.get("limit"),
            requests_resets_at=parse_time(requests.get("resetsAt")),
            storage_used=storage.get("usedBytes"),
            storage_limit=storage.get("limitBytes"),
            raw=dict(data),
        )


# --- keys and agents --------------------------------------------------------------------------


@dataclass(frozen=True)
class ApiKey:
    """A key as listed: never its secret."""

    id: str
    name: Optional[str] = None
    description: Optional[str] = None
    prefix: Optional[str] = None
    last4: Optional[str] = None
    scopes: List[str] = field(default_factory=list)
    identity: Optional[Identity] = None
    status: Optional[str] = None
    created_at: Optional[datetime] = _time()
    created_by: Optional[dict] = None
    last_used_at: Optional[datetime] = _time()
    expires_at: Optional[datetime] = _time()
    revoked_at: Optional[datetime] = _time()
    raw: dict = _raw()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ApiKey":
        return _build(cls, data, identity=Identity.from_json(data.get("identity")))


@dataclass(frozen=True)
class CreatedApiKey(ApiKey):
    """A key right after creation. ``key`` is the secret, returned this once: store it now.
    It is left out of ``repr`` and ``str``."""

    key: Optional[str] = field(default=None, repr=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "CreatedApiKey":
        return _build(cls, data, identity=Identity.from_json(data.get("identity")))


@dataclass(frozen=True)
class Agent:
    """An agent: an identity of its own with a role, answered for by its ``sponsor``."""

    id: str
    name: Optional[str] = None
    description: Optional[str] = None
    role: Optional[str] = None
    status: Optional[str] = None
    sponsor: Optional[dict] = None
    created_at: Optional[datetime] = _time()
    updated_at: Optional[datetime] = _time()
    raw: dict = _raw()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Agent":
        return _build(cls, data)


# --- comments ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comment:
    """A comment on an artifact, or a reply (``parent_id`` set). ``author`` is ``{"type", "id",
    "name"}``: the person or agent it was made as, named as they were then. A deleted comment shows
    only while it has replies, with ``deleted`` true and no body."""

    id: str
    artifact_id: Optional[str] = None
    parent_id: Optional[str] = None
    version: Optional[int] = None
    body: Optional[str] = None
    author: Optional[dict] = None
    posted_at: Optional[datetime] = _time()
    edited_at: Optional[datetime] = _time()
    deleted: bool = False
    replies: List["Comment"] = field(default_factory=list)
    raw: dict = _raw()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Comment":
        return _build(cls, data, replies=[Comment.from_json(r) for r in data.get("replies") or []])


# --- projects and artifacts -------------------------------------------------------------------


@dataclass(frozen=True)
class Project:
    id: str
    slug: Optional[str] = None
    name: Optional[str] = None
    created_at: Optional[datetime] = _time()
    raw: dict = _raw()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Project":
        return _build(cls, data)


@dataclass(frozen=True)
class Artifact:
    """An artifact with its head version (``version``)."""

    id: str
    project: Optional[str] = None
    title: Optional[str] = None
    version: Optional[int] = None
    content_type: Optional[str] = None
    size: Optional[int] = None
    sha256: Optional[str] = None
    file_name: Optional[str] = None
    public_view: Optional[bool] = None
    public_edit: Optional[bool] = None
    created_by: Optional[str] = None
    created_at: Optional[datetime] = _time()
    updated_at: Optional[datetime] = _time()
    raw: dict = _raw()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Artifact":
        return _build(cls, data)


@dataclass(frozen=True)
class Version:
    """One version of an artifact; ``restored_from`` names the version a restore copied."""

    version: int
    content_type: Optional[str] = None
    size: Optional[int] = None
    sha256: Optional[str] = None
    file_name: Optional[str] = None
    restored_from: Optional[int] = None
    created_by: Optional[str] = None
    created_at: Optional[datetime] = _time()
    raw: dict = _raw()

    @classmethod
    def from_json(cls, data: Optional[Mapping[str, Any]]) -> Optional["Version"]:
        return _build(cls, data)


@dataclass(frozen=True)
class Diff:
    """A diff of two versions: ``unified`` text when both are text, else only the summary
    (``text`` False, ``identical``, and each side's size and SHA-256 in the versions)."""

    from_: int
    to: int
    text: bool
    identical: bool
    unified: Optional[str]
    from_version: Optional[Version]
    to_version: Optional[Version]
    raw: dict = _raw()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Diff":
        return cls(
            from_=data.get("from"),
            to=data.get("to"),
            text=bool(data.get("text")),
            identical=bool(data.get("identical")),
            unified=data.get("unified"),
            from_version=Version.from_json(data.get("fromVersion")),
            to_version=Version.from_json(data.get("toVersion")),
            raw=dict(data),
        )


@dataclass(frozen=True)
class Access:
    """An artifact's access settings."""

    public_view: bool
    public_edit: bool
    viewer_emails: List[str] = field(default_factory=list)
    raw: dict = _raw()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Access":
        return _build(cls, data)


@dataclass(frozen=True)
class ShareLink:
    """A share link as listed: never its token."""

    id: str
    artifact_id: Optional[str] = None
    role: Optional[str] = None
    prefix: Optional[str] = None
    status: Optional[str] = None
    created_by: Optional[str] = None
    created_at: Optional[datetime] = _time()
    expires_at: Optional[datetime] = _time()
    revoked_at: Optional[datetime] = _time()
    raw: dict = _raw()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ShareLink":
        return _build(cls, data)


@dataclass(frozen=True)
class CreatedShareLink:
    """A link right after creation. ``token`` and ``url`` carry the secret, returned this once;
    both are left out of ``repr``."""

    id: str
    artifact_id: Optional[str] = None
    role: Optional[str] = None
    prefix: Optional[str] = None
    token: Optional[str] = field(default=None, repr=False)
    url: Optional[str] = field(default=None, repr=False)
    expires_at: Optional[datetime] = _time()
    raw: dict = _raw()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "CreatedShareLink":
        return _build(cls, data)


# --- audit ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditActor:
    type: Optional[str] = None
    id: Optional[str] = None
    display_name: Optional[str] = None
    key_id: Optional[str] = None
    key_name: Optional[str] = None
    identity: Optional[Identity] = None
    raw: dict = _raw()


@dataclass(frozen=True)
class AuditEvent:
    """One audit entry: ``action`` done by ``actor`` to ``resource_type``/``resource_id``."""

    id: str
    occurred_at: Optional[datetime]
    action: str
    actor: Optional[AuditActor]
    resource_type: Optional[str]
    resource_id: Optional[str]
    request: dict
    details: dict
    raw: dict = _raw()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "AuditEvent":
        actor = data.get("actor")
        resource = data.get("resource") or {}
        return cls(
            id=data.get("id"),
            occurred_at=parse_time(data.get("occurredAt")),
            action=data.get("action"),
            actor=None
            if actor is None
            else _build(AuditActor, actor, identity=Identity.from_json(actor.get("identity"))),
            resource_type=resource.get("type"),
            resource_id=resource.get("id"),
            request=dict(data.get("request") or {}),
            details=dict(data.get("details") or {}),
            raw=dict(data),
        )


@dataclass(frozen=True)
class AuditExport:
    """Where an export was written: ``path``, ``bytes`` written, the ``format`` and the number of
    the signed checkpoint over it (``checkpoint``; for CSV fetch it to verify the file)."""

    path: str
    bytes: int
    format: str
    checkpoint: Optional[int]


@dataclass(frozen=True)
class Signup:
    """A new tenant and its first key (``api_key.key`` is the secret, shown this once)."""

    tenant_id: str
    tenant_name: str
    plan: str
    api_key: CreatedApiKey
    raw: dict = _raw()
