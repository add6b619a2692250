"""The client and its resources: ``client.keys``, ``client.agents``, ``client.projects``,
``client.artifacts``, ``client.share_links``, ``client.access`` and ``client.audit``.

Methods that take an artifact, key, agent or link accept its id or the object itself. Lists that
the API pages (artifacts, audit entries) are iterators that fetch the next page when the previous
one is used up, so ``for e in client.audit.search(...)`` walks the whole result.
"""

from __future__ import annotations

import base64
import http.client
import mimetypes
import os
import tempfile
import urllib.parse
from datetime import datetime, timezone
from typing import Any, BinaryIO, Dict, Iterator, List, Mapping, Optional, Union

from ._config import Settings, resolve
from ._http import Transport, _query_value
from .errors import ArtifactaError, ConnectionFailed
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
    Project,
    ShareLink,
    Signup,
    Version,
    WhoAmI,
)

Content = Union[str, bytes, bytearray, memoryview]
Time = Union[datetime, str]
PathLike = Union[str, "os.PathLike[str]"]

DEFAULT_TIMEOUT = 30.0


def _id(value: Any) -> str:
    """The id of a resource given as an id or as an object with ``.id``."""
    ident = getattr(value, "id", value)
    if not isinstance(ident, str) or not ident:
        raise TypeError(f"expected an id or an object with .id, got {type(value).__name__}")
    return urllib.parse.quote(ident, safe="")


def _content_fields(
    content: Optional[Content],
    path: Optional[PathLike],
    content_type: Optional[str],
    file_name: Optional[str],
) -> Dict[str, Any]:
    """The request fields for a version: text as ``content``, bytes as ``contentBase64``."""
    if (content is None) == (path is None):
        raise TypeError("give exactly one of content or path")
    body: Dict[str, Any] = {}
    if path is not None:
        with open(path, "rb") as f:
            content = f.read()
        file_name = file_name or os.path.basename(os.fspath(path))
        if content_type is None:
            content_type = mimetypes.guess_type(os.fspath(path))[0]
    if isinstance(content, str):
        body["content"] = content
    elif isinstance(content, (bytes, bytearray, memoryview)):
        body["contentBase64"] = base64.b64encode(bytes(content)).decode("ascii")
    else:
        raise TypeError(f"content must be str or bytes, not {type(content).__name__}")
    if content_type is not None:
        body["contentType"] = content_type
    if file_name is not None:
        body["fileName"] = file_name
    return body


def _identity(identity: Any) -> Optional[Dict[str, Any]]:
    """``None``/"me" → the calling user; an agent id or Agent → that agent; a dict as it is."""
    if identity is None or identity == "me":
        return {"type": "user"}
    if isinstance(identity, Mapping):
        return dict(identity)
    if isinstance(identity, Agent):
        return {"type": "agent", "agentId": identity.id}
    if isinstance(identity, str):
        return {"type": "agent", "agentId": identity}
    raise TypeError(f"identity must be None, 'me', an agent id, an Agent or a dict, not {type(identity).__name__}")


class _Resource:
    def __init__(self, http: Transport) -> None:
        self._http = http

    def _get(self, path: str, **params: Any) -> Any:
        return self._http.request("GET", path, params=params).json()

    def _send(self, method: str, path: str, body: Any = None, headers: Optional[Mapping[str, str]] = None) -> Any:
        return self._http.request(method, path, json_body=body, headers=headers).json()

    def _pages(self, path: str, params: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
        """Every item of a paged list, following ``nextCursor`` until it is null."""
        cursor = None
        while True:
            page = self._get(path, **params, cursor=cursor)
            yield from page.get("items") or []
            following = page.get("nextCursor")
            if not following:
                return
            if following == cursor:
                raise ArtifactaError(f"the server repeated cursor {following!r} for {path}")
            cursor = following


class Keys(_Resource):
    """API keys: ``create`` returns the secret once; the others never do."""

    def create(
        self,
        name: str,
        *,
        scopes: Optional[List[str]] = None,
        description: Optional[str] = None,
        identity: Any = None,
        expires_at: Optional[Time] = None,
    ) -> CreatedApiKey:
        """Creates a key acting as the calling user (``identity`` None or ``"me"``) or as an agent
        (its id, or the :class:`Agent`). Scopes default on the server to read, create, update."""
        body: Dict[str, Any] = {"name": name, "identity": _identity(identity)}
        if scopes is not None:
            body["scopes"] = list(scopes)
        if description is not None:
            body["description"] = description
        if expires_at is not None:
            body["expiresAt"] = _time_text(expires_at)
        return CreatedApiKey.from_json(self._send("POST", "/v1/api-keys", body))

    def list(self, status: Optional[str] = None) -> List[ApiKey]:
        """Keys within the caller's authority: ``active`` (default), ``expired``, ``revoked``, ``all``;
        every page, newest first."""
        return [ApiKey.from_json(k) for k in self._pages("/v1/api-keys", {"status": status, "limit": 200})]

    def get(self, key: Any) -> ApiKey:
        return ApiKey.from_json(self._get(f"/v1/api-keys/{_id(key)}"))

    def rename(self, key: Any, name: str) -> ApiKey:
        return ApiKey.from_json(self._send("PATCH", f"/v1/api-keys/{_id(key)}", {"name": name}))

    def revoke(self, key: Any) -> ApiKey:
        """Revokes a key: refused from the next request on. Revoking twice raises Conflict."""
        return ApiKey.from_json(self._send("DELETE", f"/v1/api-keys/{_id(key)}"))


class Agents(_Resource):
    """Agents: identities with their own role that keys can act as."""

    def create(self, name: str, *, description: Optional[str] = None, role: Optional[str] = None) -> Agent:
        body: Dict[str, Any] = {"name": name}
        if description is not None:
            body["description"] = description
        if role is not None:
            body["role"] = role
        return Agent.from_json(self._send("POST", "/v1/agents", body))

    def list(self) -> List[Agent]:
        return [Agent.from_json(a) for a in self._get("/v1/agents")["items"]]

    def get(self, agent: Any) -> Agent:
        return Agent.from_json(self._get(f"/v1/agents/{_id(agent)}"))

    def update(self, agent: Any, *, name: Optional[str] = None, role: Optional[str] = None) -> Agent:
        body = {k: v for k, v in (("name", name), ("role", role)) if v is not None}
        return Agent.from_json(self._send("PATCH", f"/v1/agents/{_id(agent)}", body))

    def disable(self, agent: Any) -> Agent:
        return Agent.from_json(self._send("POST", f"/v1/agents/{_id(agent)}/disable"))

    def enable(self, agent: Any) -> Agent:
        return Agent.from_json(self._send("POST", f"/v1/agents/{_id(agent)}/enable"))


class Projects(_Resource):
    def list(self) -> List[Project]:
        """Every project of the tenant, by slug, page after page."""
        return [Project.from_json(p) for p in self._pages("/v1/projects", {"limit": 200})]

    def create(self, slug: str, name: Optional[str] = None) -> Project:
        return Project.from_json(self._send("POST", "/v1/projects", {"slug": slug, "name": name or slug}))


class Artifacts(_Resource):
    """Artifacts and their versions. Content is ``str`` (sent as text) or ``bytes``, or a file
    given by ``path`` (its name becomes the file name, its type is guessed from the extension)."""

    def create(
        self,
        title: str,
        content: Optional[Content] = None,
        *,
        path: Optional[PathLike] = None,
        project: Optional[str] = None,
        content_type: Optional[str] = None,
        file_name: Optional[str] = None,
        private: Optional[bool] = None,
    ) -> Artifact:
        """Creates an artifact with version 1 in ``project`` (a slug; the server's ``default``
        when None). ``private`` needs Pro or Team."""
        body: Dict[str, Any] = {"title": title, **_content_fields(content, path, content_type, file_name)}
        if project is not None:
            body["project"] = project
        if private is not None:
            body["private"] = private
        return Artifact.from_json(self._send("POST", "/v1/artifacts", body))

    def append(
        self,
        artifact: Any,
        content: Optional[Content] = None,
        *,
        path: Optional[PathLike] = None,
        content_type: Optional[str] = None,
        file_name: Optional[str] = None,
        if_match: Optional[int] = None,
    ) -> Version:
        """Appends a version. With ``if_match=n`` it is written only while ``n`` is the head
        (else :class:`PreconditionFailed`, nothing written)."""
        headers = {"If-Match": f'"{int(if_match)}"'} if if_match is not None else None
        body = _content_fields(content, path, content_type, file_name)
        return Version.from_json(self._send("POST", f"/v1/artifacts/{_id(artifact)}/versions", body, headers))

    def push(
        self,
        title: Optional[str] = None,
        content: Optional[Content] = None,
        *,
        path: Optional[PathLike] = None,
        project: Optional[str] = None,
        content_type: Optional[str] = None,
        file_name: Optional[str] = None,
        private: Optional[bool] = None,
    ) -> Artifact:
        """Creates the artifact, or appends a version when one with this title exists in the
        project (the most recently updated, if several), as the CLI's ``push`` does. ``title``
        defaults to the file's name when ``path`` is given. ``private`` applies only to a new
        artifact. Returns the artifact with its new head."""
        if (content is None) == (path is None):
            raise TypeError("give exactly one of content or path")
        if title is None:
            if path is None:
                raise TypeError("push needs a title, or a path to take it from")
            title = os.path.basename(os.fspath(path))
        existing = self.find(title, project=project)
        if existing is None:
            return self.create(
                title, content, path=path, project=project, content_type=content_type,
                file_name=file_name, private=private,
            )
        self.append(existing, content, path=path, content_type=content_type, file_name=file_name)
        return self.get(existing)

    def find(self, title: str, *, project: Optional[str] = None) -> Optional[Artifact]:
        """The artifact of ``project`` with exactly this title (the most recently updated of
        several), or None."""
        best: Optional[Artifact] = None
        for artifact in self.list(project=project, page_size=200):
            if artifact.title == title and (best is None or _updated(artifact) > _updated(best)):
                best = artifact
        return best

    def get(self, artifact: Any) -> Artifact:
        return Artifact.from_json(self._get(f"/v1/artifacts/{_id(artifact)}"))

    def list(self, project: Optional[str] = None, *, page_size: Optional[int] = None) -> Iterator[Artifact]:
        """Every artifact of ``project`` (``default`` when None), page after page."""
        for item in self._pages("/v1/artifacts", {"project": project, "limit": page_size}):
            yield Artifact.from_json(item)

    def versions(self, artifact: Any) -> List[Version]:
        """The versions, newest first, within the plan's version history; every page."""
        return [Version.from_json(v) for v in self._pages(f"/v1/artifacts/{_id(artifact)}/versions", {"limit": 200})]

    def pull(self, artifact: Any, version: Optional[int] = None) -> bytes:
        """The content of the head, or of ``version``, as bytes."""
        return self._http.request("GET", f"/v1/artifacts/{_id(artifact)}/content", params={"version": version}).body

    def diff(self, artifact: Any, from_version: int, to_version: int) -> Diff:
        return Diff.from_json(self._get(f"/v1/artifacts/{_id(artifact)}/diff", **{"from": from_version, "to": to_version}))

    def restore(self, artifact: Any, version: int) -> Version:
        """Makes ``version``'s content the head, as a new version."""
        return Version.from_json(self._send("POST", f"/v1/artifacts/{_id(artifact)}/restore", {"version": version}))

    def delete(self, artifact: Any) -> None:
        """Soft-deletes: gone from lists and reads, kept in history."""
        self._http.request("DELETE", f"/v1/artifacts/{_id(artifact)}")


class ShareLinks(_Resource):
    """Share links (Pro and Team): ``create`` returns the token once."""

    def create(self, artifact: Any, role: str = "viewer", *, expires_at: Optional[Time] = None) -> CreatedShareLink:
        body: Dict[str, Any] = {"role": role}
        if expires_at is not None:
            body["expiresAt"] = _time_text(expires_at)
        return CreatedShareLink.from_json(self._send("POST", f"/v1/artifacts/{_id(artifact)}/share-links", body))

    def list(self, artifact: Any) -> List[ShareLink]:
        return [ShareLink.from_json(s) for s in self._get(f"/v1/artifacts/{_id(artifact)}/share-links")["items"]]

    def revoke(self, link: Any) -> None:
        self._http.request("DELETE", f"/v1/share-links/{_id(link)}")


class Comments(_Resource):
    """Comments and replies on an artifact, as the key's person or agent (needs ``comments:write``
    to write)."""

    def list(self, artifact: Any, *, version: Optional[int] = None) -> Iterator[Comment]:
        """Every comment, newest first, each with its replies oldest first; pages are followed."""
        params: Dict[str, Any] = {"limit": 200}
        if version is not None:
            params["version"] = version
        return (Comment.from_json(c) for c in self._pages(f"/v1/artifacts/{_id(artifact)}/comments", params))

    def get(self, artifact: Any, comment: Any) -> Comment:
        return Comment.from_json(self._get(f"/v1/artifacts/{_id(artifact)}/comments/{_id(comment)}"))

    def add(self, artifact: Any, body: str, *, version: Optional[int] = None) -> Comment:
        """Comments on the artifact (up to 10,000 characters), about one version when given."""
        request: Dict[str, Any] = {"body": body}
        if version is not None:
            request["version"] = version
        return Comment.from_json(self._send("POST", f"/v1/artifacts/{_id(artifact)}/comments", request))

    def reply(self, artifact: Any, comment: Any, body: str) -> Comment:
        """Replies to a comment (up to 5,000 characters; replies are one level deep)."""
        path = f"/v1/artifacts/{_id(artifact)}/comments/{_id(comment)}/replies"
        return Comment.from_json(self._send("POST", path, {"body": body}))

    def edit(self, artifact: Any, comment: Any, body: str) -> Comment:
        """Replaces the text of one's own comment; the earlier text stays in the audit log."""
        path = f"/v1/artifacts/{_id(artifact)}/comments/{_id(comment)}"
        return Comment.from_json(self._send("PATCH", path, {"body": body}))

    def delete(self, artifact: Any, comment: Any) -> None:
        """Deletes one's own comment (an admin of the artifact may delete anyone's)."""
        self._http.request("DELETE", f"/v1/artifacts/{_id(artifact)}/comments/{_id(comment)}")


class AccessSettings(_Resource):
    """An artifact's access settings: public view, public edit, the viewer allowlist."""

    def get(self, artifact: Any) -> Access:
        return Access.from_json(self._get(f"/v1/artifacts/{_id(artifact)}/access"))

    def set(
        self,
        artifact: Any,
        *,
        public_view: Optional[bool] = None,
        public_edit: Optional[bool] = None,
        viewer_emails: Optional[List[str]] = None,
    ) -> Access:
        """Changes the settings given; the others keep their current values (read first)."""
        if public_view is None or public_edit is None or viewer_emails is None:
            current = self.get(artifact)
            public_view = current.public_view if public_view is None else public_view
            public_edit = current.public_edit if public_edit is None else public_edit
            viewer_emails = current.viewer_emails if viewer_emails is None else viewer_emails
        body = {"publicView": public_view, "publicEdit": public_edit, "viewerEmails": list(viewer_emails)}
        return Access.from_json(self._send("PUT", f"/v1/artifacts/{_id(artifact)}/access", body))


class Audit(_Resource):
    """The audit trail (needs the ``audit:read`` scope)."""

    def search(
        self,
        *,
        key_name: Optional[str] = None,
        key_id: Optional[str] = None,
        actor: Optional[str] = None,
        actor_type: Optional[str] = None,
        action: Optional[str] = None,
        resource: Optional[str] = None,
        resource_type: Optional[str] = None,
        since: Optional[Time] = None,
        until: Optional[Time] = None,
        order: Optional[str] = None,
        page_size: Optional[int] = None,
    ) -> Iterator[AuditEvent]:
        """Every matching entry, newest first (``order="asc"``: oldest first), across all pages.

        ``key_name`` is the acting key's name when the event happened; ``actor`` an actor id and
        ``actor_type`` one of ``user``, ``api_key``, ``agent``, ``share_link``, ``service``;
        ``action`` exact or a prefix ending in a dot (``"api_key."``); ``resource`` a resource id
        and ``resource_type`` its type; ``since`` inclusive and ``until`` exclusive (datetimes,
        naive ones taken as UTC, or ISO-8601 text); ``page_size`` 1 to 200 per request.
        """
        params = {
            "keyName": key_name,
            "keyId": key_id,
            "actorId": actor,
            "actorType": actor_type,
            "action": action,
            "resourceId": resource,
            "resourceType": resource_type,
            "from": since,
            "to": until,
            "order": order,
            "limit": page_size,
        }
        for item in self._pages("/v1/audit-events", params):
            yield AuditEvent.from_json(item)

    def export(
        self,
        path: Union[PathLike, BinaryIO],
        format: str = "jsonl",
        *,
        since: Optional[Time] = None,
        until: Optional[Time] = None,
    ) -> AuditExport:
        """Streams the trail with its hash chain to ``path`` (or a binary file object), oldest
        first. JSON Lines end with the signed checkpoint; CSV names it (``.checkpoint``).
        A file path is written whole or not at all."""
        if format not in ("jsonl", "csv"):
            raise ValueError("format must be 'jsonl' or 'csv'")
        resp = self._http.request(
            "GET", "/v1/audit-events/export", params={"from": since, "to": until, "format": format}, stream=True
        )
        checkpoint_header = resp.headers.get("Artifacta-Checkpoint")
        checkpoint = int(checkpoint_header) if checkpoint_header and checkpoint_header.isdigit() else None
        with resp.stream as source:
            if hasattr(path, "write"):
                written = _copy(source, path)
                return AuditExport(path=getattr(path, "name", ""), bytes=written, format=format, checkpoint=checkpoint)
            target = os.fspath(path)
            directory = os.path.dirname(os.path.abspath(target))
            fd, partial = tempfile.mkstemp(prefix=".artifacta-export-", dir=directory)
            try:
                with os.fdopen(fd, "wb") as out:
                    written = _copy(source, out)
                os.replace(partial, target)
            except BaseException:
                if os.path.exists(partial):
                    os.unlink(partial)
                raise
        return AuditExport(path=target, bytes=written, format=format, checkpoint=checkpoint)

    def checkpoint(self, number: int) -> Dict[str, Any]:
        """One of the tenant's signed checkpoints, as issued with an export."""
        return self._get(f"/v1/audit-events/checkpoints/{int(number)}")

    def signing_key(self) -> Dict[str, Any]:
        """The Ed25519 public key that signs checkpoints (give it to the offline verifier)."""
        return self._get("/v1/audit-events/signing-key")


def _updated(artifact: Artifact) -> datetime:
    return artifact.updated_at or datetime.min.replace(tzinfo=timezone.utc)


def _copy(source: Any, target: BinaryIO) -> int:
    written = 0
    while True:
        try:
            chunk = source.read(64 * 1024)
        except (OSError, http.client.HTTPException) as e:
            # Errors writing the target stay OSErrors; only the connection's become ours.
            raise ConnectionFailed(f"the export broke off after {written} bytes: {e}") from None
        if not chunk:
            return written
        target.write(chunk)
        written += len(chunk)


def _time_text(value: Time) -> str:
    return _query_value(value)


class Client:
    """A connection to Artifacta.

    ``Client()`` takes the API key from ``ARTIFACTA_API_KEY`` (or ``AGENT_ARTIFACTS_TOKEN``),
    else ``api_key`` in ``$XDG_CONFIG_HOME/artifacta/config.toml`` (``~/.config/...`` by
    default); the base URL from ``ARTIFACTA_BASE_URL`` (or ``AGENT_ARTIFACTS_BASE_URL``), else
    ``base_url`` in that file, else ``http://localhost:8080``. Arguments override both.
    The key is sent only as ``Authorization: Bearer`` and never shown by ``repr``, ``str``,
    log records or exceptions.
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self._settings: Settings = resolve(api_key, base_url)
        self._http = Transport(self._settings, timeout)
        self.keys = Keys(self._http)
        self.agents = Agents(self._http)
        self.projects = Projects(self._http)
        self.artifacts = Artifacts(self._http)
        self.share_links = ShareLinks(self._http)
        self.access = AccessSettings(self._http)
        self.comments = Comments(self._http)
        self.audit = Audit(self._http)

    @property
    def base_url(self) -> str:
        return self._settings.base_url

    @property
    def api_key_source(self) -> Optional[str]:
        """Where the key came from: ``"argument"``, an environment variable's name, the config
        file's path, or None when there is no key."""
        return self._settings.api_key_source

    def whoami(self) -> WhoAmI:
        """The tenant, plan, principal, calling key and usage (answers even past the quota)."""
        return WhoAmI.from_json(self._http.request("GET", "/v1/whoami").json())

    def __repr__(self) -> str:
        key = f"<from {self._settings.api_key_source}>" if self._settings.api_key else None
        return f"Client(base_url={self._settings.base_url!r}, api_key={key})"

    __str__ = __repr__


def signup(tenant: str, email: str, *, base_url: Optional[str] = None, timeout: float = DEFAULT_TIMEOUT) -> Signup:
    """Signs up a tenant (no key needed) and returns it with its first key, whose secret
    (``.api_key.key``) is shown this once. The base URL resolves as for :class:`Client`."""
    found = resolve(None, base_url)
    http = Transport(Settings(None, found.base_url, None, found.base_url_source), timeout)
    data = http.request("POST", "/v1/signup", json_body={"tenant": tenant, "email": email}).json()
    tenant_view = data.get("tenant") or {}
    return Signup(
        tenant_id=tenant_view.get("id"),
        tenant_name=tenant_view.get("name"),
        plan=tenant_view.get("plan"),
        api_key=CreatedApiKey.from_json(data.get("apiKey") or {}),
        raw=data,
    )
