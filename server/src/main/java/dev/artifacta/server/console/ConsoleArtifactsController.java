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
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.ProblemException;
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
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

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
    private static final long PREVIEW_LIMIT = 1 << 20;

    /** Markdown: raw HTML in the source is escaped, unsafe link targets dropped. */
    private static final Parser MARKDOWN = Parser.builder().build();

    private static final HtmlRenderer HTML =
            HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private final ConsolePages pages;
    private final ArtifactGuard guard;
    private final ArtifactService artifacts;

    public ConsoleArtifactsController(ConsolePages pages, ArtifactGuard guard, ArtifactService artifacts) {
        this.pages = pages;
        this.guard = guard;
        this.artifacts = artifacts;
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
            preview(head, shown, model);
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
            ArtifactService.VersionDiff diff = artifacts.diff(head, left, right, plan);
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
        var signedIn = pages.user(request);
        if (signedIn.isEmpty()) {
            return pages.signIn(request);
        }
        Principal.User user = signedIn.get();
        Form form = Form.of(body);
        ArtifactHeadRow head = guard.authorize(user, id, Action.ARTIFACT_RESTORE);
        long version;
        try {
            version = Long.parseLong(form.value("version"));
        } catch (NumberFormatException | NullPointerException e) {
            throw dev.artifacta.server.http.Problems.invalid("invalid-version", "Choose a version to restore.");
        }
        try {
            artifacts.restore(
                    head,
                    version,
                    head.headVersion(),
                    guard.featuresOf(request, head.tenantId()),
                    user,
                    RequestInfos.of(request));
        } catch (ProblemException | Rejection e) {
            ConsolePages.Refusal refusal = ConsolePages.refusal(e);
            return pages.page(
                            request,
                            user,
                            "console/error",
                            "Not restored",
                            "artifacts",
                            Map.of("message", refusal.message(), "back", "/console/artifacts/" + id))
                    .status(refusal.status());
        }
        return ConsolePages.seeOther("/console/artifacts/" + id + "?restored=" + version);
    }

    private void preview(ArtifactHeadRow head, ArtifactVersionRow shown, Map<String, Object> model) {
        if (shown.size() > PREVIEW_LIMIT) {
            return;
        }
        artifacts.text(head, shown).ifPresent(text -> {
            String type = shown.contentType().toLowerCase(java.util.Locale.ROOT);
            boolean markdown = type.startsWith("text/markdown")
                    || (shown.fileName() != null
                            && shown.fileName()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .endsWith(".md"));
            if (markdown) {
                // The only HTML the console does not escape itself: commonmark's, with the source's
                // own HTML escaped and unsafe URLs dropped (and the CSP forbids scripts regardless).
                model.put("markdown", HTML.render(MARKDOWN.parse(text)));
            }
            model.put("text", text);
        });
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
