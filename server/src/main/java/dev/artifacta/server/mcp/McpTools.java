package dev.artifacta.server.mcp;

import dev.artifacta.command.projects.ProjectDirectory;
import dev.artifacta.command.projects.ProjectNotFound;
import dev.artifacta.command.shared.Rejection;
import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.query.artifacts.ArtifactQueries;
import dev.artifacta.query.artifacts.ArtifactVersionRow;
import dev.artifacta.query.auditlog.AuditLogQueries;
import dev.artifacta.query.auditlog.AuditPage;
import dev.artifacta.query.projects.ProjectListRepository;
import dev.artifacta.server.access.Action;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.artifacts.ArtifactGuard;
import dev.artifacta.server.artifacts.ArtifactService;
import dev.artifacta.server.artifacts.ArtifactViews;
import dev.artifacta.server.artifacts.VersionRequest;
import dev.artifacta.server.audit.AuditSearch;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.DeniedRequests;
import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.sharing.ShareLinkService;
import io.micronaut.http.HttpRequest;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The MCP tools: each calls the same guard, application services and queries as the REST route it
 * mirrors, with the principal of the request's access token, so the access policy, scopes, plan
 * limits and the audit trail are the REST API's. A refusal is a tool error ({@code isError}) whose
 * text says what is missing (the scope or the role), and another tenant's artifact is "not found",
 * exactly as over REST.
 */
@Singleton
public class McpTools {

    /** The key under which the endpoint puts the HTTP request into the transport context. */
    public static final String REQUEST = "artifacta.request";

    private static final int MAX_LIST = 200;

    private final ArtifactGuard guard;
    private final ArtifactService artifacts;
    private final ArtifactQueries artifactQueries;
    private final ShareLinkService shareLinks;
    private final ProjectDirectory projectDirectory;
    private final ProjectListRepository projects;
    private final AuditSearch auditSearch;
    private final DeniedRequests denials;

    public McpTools(
            ArtifactGuard guard,
            ArtifactService artifacts,
            ArtifactQueries artifactQueries,
            ShareLinkService shareLinks,
            ProjectDirectory projectDirectory,
            ProjectListRepository projects,
            AuditSearch auditSearch,
            DeniedRequests denials) {
        this.guard = guard;
        this.artifacts = artifacts;
        this.artifactQueries = artifactQueries;
        this.shareLinks = shareLinks;
        this.projectDirectory = projectDirectory;
        this.projects = projects;
        this.auditSearch = auditSearch;
        this.denials = denials;
    }

    /** Every tool, with its description and input schema. */
    public List<SyncToolSpecification> all() {
        return List.of(
                tool(
                        "list_projects",
                        "List the workspace's projects (slug and name). Needs the artifacts:read scope.",
                        schema(Map.of(), List.of()),
                        this::listProjects),
                tool(
                        "list_artifacts",
                        "List a project's artifacts (id, title, head version, content type), optionally only those"
                                + " whose title contains a search text. Needs artifacts:read.",
                        schema(
                                Map.of(
                                        "project", string("The project's slug; default 'default'."),
                                        "query", string("Case-insensitive text the title must contain."),
                                        "limit", integer("At most this many artifacts, 1 to 200 (default 50).")),
                                List.of()),
                        this::listArtifacts),
                tool(
                        "read_artifact",
                        "Read an artifact's content at a version (the head when no version is given). Text content"
                                + " is returned as text; binary content is described, not returned. Needs"
                                + " artifacts:read.",
                        schema(
                                Map.of(
                                        "artifactId", string("The artifact's id (a UUID), from list_artifacts."),
                                        "version", integer("The version number; default the head.")),
                                List.of("artifactId")),
                        this::readArtifact),
                tool(
                        "push_version",
                        "Append a new version of an artifact with the given text content; it becomes the head."
                                + " Needs artifacts:update and the editor role.",
                        schema(
                                Map.of(
                                        "artifactId", string("The artifact's id (a UUID)."),
                                        "content", string("The new version's full text content."),
                                        "contentType",
                                                string("Its media type, for example text/markdown; default the"
                                                        + " head's type."),
                                        "fileName", string("A file name for downloads, for example report.md."),
                                        "expectedVersion",
                                                integer("Only append if this is still the head version (an"
                                                        + " optimistic lock); omit to append regardless.")),
                                List.of("artifactId", "content")),
                        this::pushVersion),
                tool(
                        "diff_versions",
                        "A unified diff between two versions of an artifact (a summary for binary content)."
                                + " Needs artifacts:read.",
                        schema(
                                Map.of(
                                        "artifactId", string("The artifact's id (a UUID)."),
                                        "from", integer("The older version number."),
                                        "to", integer("The newer version number.")),
                                List.of("artifactId", "from", "to")),
                        this::diff),
                tool(
                        "restore_version",
                        "Make an earlier version's content the head again, as a new version. Needs"
                                + " artifacts:update and the editor role.",
                        schema(
                                Map.of(
                                        "artifactId", string("The artifact's id (a UUID)."),
                                        "version", integer("The version to restore."),
                                        "expectedVersion", integer("Only restore if this is still the head.")),
                                List.of("artifactId", "version")),
                        this::restore),
                tool(
                        "create_share_link",
                        "Create a share link to an artifact: anyone with its URL gets the role on that artifact"
                                + " only. The token is in this answer once. Needs artifacts:share, the admin role"
                                + " and a plan with share links.",
                        schema(
                                Map.of(
                                        "artifactId", string("The artifact's id (a UUID)."),
                                        "role",
                                                Map.of(
                                                        "type", "string",
                                                        "enum", List.of("viewer", "editor"),
                                                        "description", "What the link's holder may do."),
                                        "expiresAt",
                                                string("When the link stops working, an ISO-8601 instant such as"
                                                        + " 2030-01-01T00:00:00Z; omit for never.")),
                                List.of("artifactId", "role")),
                        this::createShareLink),
                tool(
                        "revoke_share_link",
                        "Revoke a share link: it opens nothing from the next request on. Needs artifacts:share"
                                + " and the admin role.",
                        schema(
                                Map.of("linkId", string("The share link's id (a UUID), from create_share_link.")),
                                List.of("linkId")),
                        this::revokeShareLink),
                tool(
                        "search_audit_log",
                        "Search the workspace's audit log, newest first: who did what, when. Needs audit:read.",
                        schema(
                                Map.of(
                                        "action",
                                                string("An action such as artifact.version_appended, or a prefix"
                                                        + " ending in a dot such as artifact."),
                                        "actorType",
                                                string("user, api_key, agent, oauth_client, share_link or"
                                                        + " service."),
                                        "resourceId", string("Only entries about this resource id."),
                                        "limit", integer("At most this many entries, 1 to 200 (default 20).")),
                                List.of()),
                        this::searchAudit));
    }

    private Object listProjects(HttpRequest<?> request, Map<String, Object> args) {
        Principal caller = guard.authorizeTenant(request, Action.PROJECT_VIEW);
        return Map.of(
                "projects",
                projects.findPage(Principals.tenantOf(caller), "", MAX_LIST).stream()
                        .map(p -> Map.of("id", p.projectId(), "slug", p.slug(), "name", p.name()))
                        .toList());
    }

    private Object listArtifacts(HttpRequest<?> request, Map<String, Object> args) {
        Principal caller = guard.authorizeTenant(request, Action.ARTIFACT_VIEW);
        String tenantId = Principals.tenantOf(caller);
        String slug = text(args, "project", "default");
        String projectId = projectDirectory.findIdBySlug(tenantId, slug).orElseThrow(() -> new ProjectNotFound(slug));
        int limit = Math.max(1, Math.min(MAX_LIST, number(args, "limit", 50L).intValue()));
        String query = text(args, "query", "").toLowerCase(Locale.ROOT);
        var found = new ArrayList<Map<String, Object>>();
        String after = null;
        // Search walks the project's heads page by page: titles are not indexed for search.
        while (found.size() < limit) {
            List<ArtifactHeadRow> page = artifactQueries.page(tenantId, projectId, after, MAX_LIST);
            for (ArtifactHeadRow head : page) {
                if (found.size() < limit
                        && head.title().toLowerCase(Locale.ROOT).contains(query)) {
                    found.add(Map.of(
                            "id", head.artifactId(),
                            "title", head.title(),
                            "version", head.headVersion(),
                            "contentType", head.headContentType()));
                }
            }
            if (page.size() < MAX_LIST) {
                break;
            }
            after = page.getLast().artifactId();
        }
        return Map.of("project", slug, "artifacts", found);
    }

    private Object readArtifact(HttpRequest<?> request, Map<String, Object> args) {
        ArtifactHeadRow head =
                guard.authorize(guard.callerOf(request), text(args, "artifactId", ""), Action.ARTIFACT_VIEW);
        long version = number(args, "version", head.headVersion());
        ArtifactVersionRow row = artifacts.readableVersion(head, version, guard.featuresOf(request, head.tenantId()));
        String text = ArtifactService.textOf(row, artifacts.bytes(head, row));
        var result = new LinkedHashMap<String, Object>();
        result.put("artifact", artifacts.view(head));
        result.put("version", ArtifactViews.of(row));
        result.put("content", text == null ? "(binary content of " + row.size() + " bytes, not shown)" : text);
        return result;
    }

    private Object pushVersion(HttpRequest<?> request, Map<String, Object> args) {
        String id = text(args, "artifactId", "");
        ArtifactHeadRow head = guard.authorize(guard.callerOf(request), id, Action.ARTIFACT_UPDATE);
        var body = new VersionRequest(
                text(args, "content", ""),
                null,
                text(args, "contentType", head.headContentType()),
                text(args, "fileName", head.headFileName()));
        Number expected = (Number) args.get("expectedVersion");
        return artifacts
                .appendVersion(
                        "/v1/artifacts/" + id + "/content",
                        head,
                        body,
                        expected == null ? null : expected.longValue(),
                        guard.featuresOf(request, head.tenantId()),
                        guard.callerOf(request),
                        RequestInfos.of(request))
                .body();
    }

    private Object diff(HttpRequest<?> request, Map<String, Object> args) {
        ArtifactHeadRow head =
                guard.authorize(guard.callerOf(request), text(args, "artifactId", ""), Action.ARTIFACT_DIFF);
        return artifacts.diff(
                head,
                number(args, "from", 1L),
                number(args, "to", head.headVersion()),
                guard.featuresOf(request, head.tenantId()));
    }

    private Object restore(HttpRequest<?> request, Map<String, Object> args) {
        ArtifactHeadRow head =
                guard.authorize(guard.callerOf(request), text(args, "artifactId", ""), Action.ARTIFACT_RESTORE);
        Number expected = (Number) args.get("expectedVersion");
        return artifacts
                .restore(
                        head,
                        number(args, "version", 0L),
                        expected == null ? null : expected.longValue(),
                        guard.featuresOf(request, head.tenantId()),
                        guard.callerOf(request),
                        RequestInfos.of(request))
                .body();
    }

    private Object createShareLink(HttpRequest<?> request, Map<String, Object> args) {
        String expires = text(args, "expiresAt", null);
        ShareLinkService.Created link;
        try {
            link = shareLinks.create(
                    request,
                    text(args, "artifactId", ""),
                    text(args, "role", ""),
                    expires == null ? null : java.time.Instant.parse(expires));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("expiresAt");
        }
        var result = new LinkedHashMap<String, Object>();
        result.put("id", link.linkId());
        result.put("artifactId", link.artifactId());
        result.put("role", link.role());
        result.put("token", link.token().revealOnce());
        result.put("url", "/v1/shared/" + link.token().revealOnce());
        result.put(
                "expiresAt", link.expiresAt() == null ? null : link.expiresAt().toString());
        return result;
    }

    private Object revokeShareLink(HttpRequest<?> request, Map<String, Object> args) {
        String linkId = text(args, "linkId", "");
        shareLinks.revoke(request, linkId);
        return Map.of("id", linkId, "status", "revoked");
    }

    private Object searchAudit(HttpRequest<?> request, Map<String, Object> args) {
        int limit = Math.max(
                1,
                Math.min(AuditLogQueries.MAX_LIMIT, number(args, "limit", 20L).intValue()));
        // The API's search: the same scope, retention window, filter checks and indexed query.
        AuditPage page = auditSearch.find(
                Principals.of(request),
                new AuditSearch.Filters(
                        null,
                        null,
                        (String) args.get("actorType"),
                        null,
                        (String) args.get("action"),
                        null,
                        (String) args.get("resourceId"),
                        null,
                        null,
                        null),
                null,
                limit);
        return Map.of("entries", page.entries().stream().map(auditSearch::view).toList());
    }

    /** A tool whose handler answers a value (as structured content and as JSON text) or a refusal. */
    private SyncToolSpecification tool(
            String name,
            String description,
            Map<String, Object> schema,
            BiFunction<HttpRequest<?>, Map<String, Object>, Object> handler) {
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder(name)
                        .description(description)
                        .inputSchema(schema)
                        .build())
                .callHandler((context, call) -> call(context, call, handler))
                .build();
    }

    private CallToolResult call(
            McpTransportContext context,
            McpSchema.CallToolRequest call,
            BiFunction<HttpRequest<?>, Map<String, Object>, Object> handler) {
        HttpRequest<?> request = (HttpRequest<?>) context.get(REQUEST);
        Map<String, Object> args = call.arguments() == null ? Map.of() : call.arguments();
        try {
            Object value = handler.apply(request, args);
            return CallToolResult.builder()
                    .addTextContent(McpEndpoint.JSON.writeValueAsString(value))
                    .isError(false)
                    .build();
        } catch (ProblemException refused) {
            refused.denialReason().ifPresent(reason -> denials.record(request, reason, slugOf(refused.problem())));
            return refusal(refused.problem().getType(), refused.problem().getDetail(), refused.problem());
        } catch (Rejection rejected) {
            return refusal(Problem.TYPE_BASE + rejected.type(), rejected.getMessage(), null);
        } catch (ClassCastException | IllegalArgumentException badArguments) {
            return refusal(
                    Problem.TYPE_BASE + "invalid-arguments",
                    "The arguments do not match the tool's input schema.",
                    null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CallToolResult refusal(String type, String detail, Problem problem) {
        var text = new StringBuilder(detail == null ? "Refused." : detail);
        if (problem != null && problem.getExtensions().get("requiredScope") != null) {
            text.append(" Missing scope: ")
                    .append(problem.getExtensions().get("requiredScope"))
                    .append('.');
        }
        if (problem != null && problem.getExtensions().get("requiredRole") != null) {
            text.append(" Required role: ")
                    .append(problem.getExtensions().get("requiredRole"))
                    .append('.');
        }
        text.append(" (").append(type).append(')');
        return CallToolResult.builder()
                .addTextContent(text.toString())
                .isError(true)
                .build();
    }

    private static String slugOf(Problem problem) {
        String type = problem.getType();
        return type.startsWith(Problem.TYPE_BASE) ? type.substring(Problem.TYPE_BASE.length()) : type;
    }

    private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    private static Map<String, Object> integer(String description) {
        return Map.of("type", "integer", "minimum", 1, "description", description);
    }

    private static String text(Map<String, Object> args, String name, String otherwise) {
        Object value = args.get(name);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(name);
        }
        return text;
    }

    private static Long number(Map<String, Object> args, String name, long otherwise) {
        Object value = args.get(name);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw new IllegalArgumentException(name);
        }
        return number.longValue();
    }
}
