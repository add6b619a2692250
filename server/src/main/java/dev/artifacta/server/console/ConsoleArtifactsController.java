package dev.artifacta.server.console;

import dev.artifacta.command.plans.PlanFeatures;
import dev.artifacta.command.shared.Rejection;
import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.query.artifacts.ArtifactVersionRow;
import dev.artifacta.query.projects.ProjectListRow;
import dev.artifacta.server.access.Action;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.artifacts.ArtifactGuard;
import dev.artifacta.server.artifacts.ArtifactService;
import dev.artifacta.server.artifacts.ArtifactViews;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.comments.CommentService;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.sharing.ShareLinkService;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The artifact pages: a project's artifacts, one artifact with its versions, a version's content
 * (text shown escaped, Markdown rendered with its raw HTML escaped), the diff of any two versions,
 * and restore. Every read and change goes through {@link ArtifactGuard} (so {@code AccessPolicy})
 * and {@link ArtifactService}, as the API's do; the edit controls are shown only when the policy
 * allows the action, and the action is authorized again when the form arrives.
 */
@Hidden
@Controller("/console/artifacts")
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleArtifactsController {

    private static final int LIST = 100;
    private static final int VERSIONS = 50;

    private final ConsolePages pages;
    private final ArtifactGuard guard;
    private final ArtifactService artifacts;
    private final ShareLinkService shareLinks;
    private final CommentService comments;
    private final String publicUrl;

    public ConsoleArtifactsController(
            ConsolePages pages,
            ArtifactGuard guard,
            ArtifactService artifacts,
            ShareLinkService shareLinks,
            CommentService comments,
            @Value("${artifacta.public-url:}") String publicUrl) {
        this.pages = pages;
        this.guard = guard;
        this.artifacts = artifacts;
        this.shareLinks = shareLinks;
        this.comments = comments;
        this.publicUrl = publicUrl;
    }

    /** One line of a diff, with its kind for the page's colours and words. */
    public record DiffLine(String kind, String text) {}

    @Get
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String project) {
        return pages.render(request, "console/artifacts", "Artifacts", "artifacts", user -> {
            Principal caller = guard.authorizeTenant(request, Action.PROJECT_VIEW);
            String tenantId = Principals.tenantOf(caller);
            List<ProjectListRow> projects = artifacts.projects(tenantId, LIST);
            ProjectListRow selected = projects.stream()
                    .filter(p -> p.slug().equals(project == null ? "default" : project))
                    .findFirst()
                    .orElse(projects.isEmpty() ? null : projects.getFirst());
            Map<String, Object> model = new HashMap<>();
            model.put("projects", projects);
            model.put("project", selected);
            model.put(
                    "artifacts",
                    selected == null ? List.of() : artifacts.artifactsOf(tenantId, selected.projectId(), LIST));
            return model;
        });
    }

    @Get("/{id}")
    public HttpResponse<?> artifact(HttpRequest<?> request, String id, @Nullable @QueryValue Long version) {
        return pages.render(request, "console/artifact", "Artifact", "artifacts", user -> {
            ArtifactHeadRow head = guard.authorize(user, id, Action.ARTIFACT_VIEW);
            PlanFeatures plan = guard.featuresOf(request, head.tenantId());
            ArtifactVersionRow shown =
                    artifacts.readableVersion(head, version == null ? head.headVersion() : version, plan);
            Map<String, Object> model = new HashMap<>();
            model.put("title", head.title());
            model.put("artifact", artifacts.view(head));
            model.put("head", head);
            model.put("shown", shown);
            model.put("versions", artifacts.versions(head, plan, Long.MAX_VALUE, VERSIONS));
            model.put("canRestore", guard.allows(user, head, Action.ARTIFACT_RESTORE));
            Previews.put(artifacts, head, shown, model);
            PlanFeatures features = plan;
            boolean canShare = guard.allows(user, head, Action.ARTIFACT_CREATE_SHARE_LINK);
            model.put("canShare", canShare);
            model.put("shareLinksInPlan", features.shareLinks());
            model.put("upgradeTo", features.upgradeTo());
            model.put("comments", comments.list(request, id, null, null, null).items());
            model.put("canComment", guard.allows(user, head, Action.COMMENT_CREATE));
            // Edit: the author only; delete: the author, or who moderates the artifact's comments.
            model.put("me", user.userId());
            model.put("canModerate", guard.allows(user, head, Action.COMMENT_MODERATE));
            boolean canManageAccess = guard.allows(user, head, Action.ARTIFACT_MANAGE_ACCESS);
            model.put("canManageAccess", canManageAccess);
            if (canManageAccess) {
                var access = ArtifactViews.accessOf(head);
                model.put("access", access);
                model.put("viewerEmailsText", String.join("\n", access.viewerEmails()));
                model.put("features", features);
            }
            if (canShare) {
                List<Map<String, Object>> links = new ArrayList<>();
                for (var link : shareLinks.linksOf(head)) {
                    links.add(Map.of(
                            "link", link,
                            "status", shareLinks.statusOf(link),
                            "canRevoke", guard.allows(user, head, Action.ARTIFACT_REVOKE_SHARE_LINK)));
                }
                model.put("links", links);
            }
            return model;
        });
    }

    @Get("/{id}/diff")
    public HttpResponse<?> diff(
            HttpRequest<?> request, String id, @Nullable @QueryValue Long from, @Nullable @QueryValue Long to) {
        return pages.render(request, "console/diff", "Diff", "artifacts", user -> {
            ArtifactHeadRow head = guard.authorize(user, id, Action.ARTIFACT_DIFF);
            PlanFeatures plan = guard.featuresOf(request, head.tenantId());
            long right = to == null ? head.headVersion() : to;
            long left = from == null ? Math.max(1, right - 1) : from;
            ArtifactService.VersionDiff diff = artifacts.compare(head, left, right, plan);
            Map<String, Object> model = new HashMap<>();
            model.put("title", "Diff of " + head.title());
            model.put("head", head);
            model.put("diff", diff);
            model.put("lines", diff.text() ? lines(diff.unified()) : List.of());
            model.put("versions", artifacts.versions(head, plan, Long.MAX_VALUE, VERSIONS));
            return model;
        });
    }

    @Post("/{id}/restore")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> restore(HttpRequest<?> request, String id, @Body @Nullable String body) {
        return onArtifact(request, id, Action.ARTIFACT_RESTORE, "Not restored", (user, head) -> {
            long version;
            try {
                version = Long.parseLong(Form.of(body).value("version"));
            } catch (NumberFormatException | NullPointerException e) {
                throw dev.artifacta.server.http.Problems.invalid("invalid-version", "Choose a version to restore.");
            }
            artifacts.restoreVersion(
                    head,
                    version,
                    head.headVersion(),
                    guard.featuresOf(request, head.tenantId()),
                    user,
                    RequestInfos.of(request));
            return ConsolePages.seeOther("/console/artifacts/" + id + "?restored=" + version);
        });
    }

    @Post("/{id}/share-links")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> share(HttpRequest<?> request, String id, @Body @Nullable String body) {
        return onArtifact(request, id, Action.ARTIFACT_CREATE_SHARE_LINK, "No share link created", (user, head) -> {
            Form form = Form.of(body);
            ShareLinkService.IssuedLink link = shareLinks.create(
                    head,
                    form.value("role") == null ? "viewer" : form.value("role"),
                    expiryOf(form.value("expires")),
                    guard.featuresOf(request, head.tenantId()),
                    user,
                    RequestInfos.of(request));
            String base = publicUrl.isBlank()
                    ? "http://" + request.getHeaders().get(io.micronaut.http.HttpHeaders.HOST)
                    : publicUrl.replaceAll("/+$", "");
            return pages.page(
                    request,
                    user,
                    "console/share-created",
                    "Share link created",
                    "artifacts",
                    Map.of("head", head, "link", link, "url", base + "/console/shared/" + link.token()));
        });
    }

    @Post("/{id}/share-links/{linkId}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revokeShareLink(
            HttpRequest<?> request, String id, String linkId, @Body @Nullable String body) {
        return onArtifact(request, id, Action.ARTIFACT_REVOKE_SHARE_LINK, "Share link not revoked", (user, head) -> {
            var link = shareLinks.linksOf(head).stream()
                    .filter(row -> row.linkId().equals(linkId))
                    .findFirst()
                    .orElseThrow(() -> dev.artifacta.server.http.Problems.notFound(
                            "share-link-not-found", "There is no share link with id '" + linkId + "'."));
            shareLinks.revoke(link, user, RequestInfos.of(request));
            return ConsolePages.seeOther("/console/artifacts/" + id + "#sharing-heading");
        });
    }

    @Post("/{id}/comments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> comment(HttpRequest<?> request, String id, @Body @Nullable String body) {
        // CommentService authorizes the comment itself, as for the API.
        return onForm(request, id, "Comment not posted", user -> {
            Form form = Form.of(body);
            String parent = form.value("parent");
            if (parent == null) {
                comments.post(request, id, form.value("body"), null, RequestInfos.of(request));
            } else {
                comments.reply(request, id, parent, form.value("body"), RequestInfos.of(request));
            }
            return ConsolePages.seeOther("/console/artifacts/" + id + "#comments");
        });
    }

    @Post("/{id}/comments/{commentId}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> editComment(
            HttpRequest<?> request, String id, String commentId, @Body @Nullable String body) {
        return onForm(request, id, "Comment not edited", user -> {
            comments.edit(request, id, commentId, Form.of(body).value("body"), RequestInfos.of(request));
            return ConsolePages.seeOther("/console/artifacts/" + id + "#comments");
        });
    }

    @Post("/{id}/comments/{commentId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> deleteComment(
            HttpRequest<?> request, String id, String commentId, @Body @Nullable String body) {
        return onForm(request, id, "Comment not deleted", user -> {
            comments.delete(request, id, commentId, RequestInfos.of(request));
            return ConsolePages.seeOther("/console/artifacts/" + id + "#comments");
        });
    }

    @Post("/{id}/access")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> access(HttpRequest<?> request, String id, @Body @Nullable String body) {
        return onArtifact(request, id, Action.ARTIFACT_MANAGE_ACCESS, "Access not changed", (user, head) -> {
            Form form = Form.of(body);
            String emails = form.value("viewerEmails");
            List<String> viewerEmails = emails == null
                    ? List.of()
                    : java.util.Arrays.stream(emails.split("[,\\s]+"))
                            .filter(email -> !email.isBlank())
                            .toList();
            artifacts.updateAccess(
                    head,
                    form.value("publicView") != null,
                    form.value("publicEdit") != null,
                    viewerEmails,
                    null,
                    guard.featuresOf(request, head.tenantId()),
                    user,
                    RequestInfos.of(request));
            return ConsolePages.seeOther("/console/artifacts/" + id + "?access=saved");
        });
    }

    /**
     * A form on one artifact: the signed-in person, the artifact loaded only once the policy allows
     * the action (again, whatever the page showed), then the use case. A refusal by the use case is
     * the error page with its status and a way back to the artifact; a refusal by the policy is
     * answered and audited by the API's handlers, and rendered as the same page by
     * {@link ConsoleErrorPages}.
     */
    private HttpResponse<?> onArtifact(
            HttpRequest<?> request,
            String id,
            Action action,
            String refusedTitle,
            BiFunction<Principal.User, ArtifactHeadRow, HttpResponse<?>> use) {
        return onForm(request, id, refusedTitle, user -> use.apply(user, guard.authorize(user, id, action)));
    }

    /** A form on one artifact whose use case authorizes itself (comments). */
    private HttpResponse<?> onForm(
            HttpRequest<?> request,
            String id,
            String refusedTitle,
            java.util.function.Function<Principal.User, HttpResponse<?>> use) {
        var signedIn = pages.user(request);
        if (signedIn.isEmpty()) {
            return pages.signIn(request);
        }
        Principal.User user = signedIn.get();
        try {
            return use.apply(user);
        } catch (ProblemException | Rejection e) {
            ConsolePages.Refusal refusal = ConsolePages.refusal(e);
            return pages.page(
                            request,
                            user,
                            "console/error",
                            refusedTitle,
                            "artifacts",
                            Map.of("message", refusal.message(), "back", "/console/artifacts/" + id))
                    .status(refusal.status());
        }
    }

    private static java.time.Instant expiryOf(@Nullable String date) {
        if (date == null) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(date)
                    .atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw dev.artifacta.server.http.Problems.invalid(
                    "invalid-expiry", "The expiry must be a date such as 2027-01-31.");
        }
    }

    private static List<DiffLine> lines(String unified) {
        List<DiffLine> lines = new ArrayList<>();
        for (String line : unified.lines().toList()) {
            String kind;
            if (line.startsWith("+++") || line.startsWith("---")) {
                kind = "file";
            } else if (line.startsWith("@@")) {
                kind = "hunk";
            } else if (line.startsWith("+")) {
                kind = "added";
            } else if (line.startsWith("-")) {
                kind = "removed";
            } else {
                kind = "same";
            }
            lines.add(new DiffLine(kind, line));
        }
        return lines;
    }
}
