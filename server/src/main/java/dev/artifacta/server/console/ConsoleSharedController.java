package dev.artifacta.server.console;

import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.query.artifacts.ArtifactVersionRow;
import dev.artifacta.server.access.Action;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.artifacts.ArtifactGuard;
import dev.artifacta.server.artifacts.ArtifactService;
import dev.artifacta.server.auth.Principals;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.HashMap;
import java.util.Map;

/**
 * A share link opened in a browser, signed in or not: the artifact's head, read-only, as the link's
 * principal ({@code ShareLinkAuthenticationFetcher} reads the token from this path as from {@code
 * /v1/shared/{token}}; the session is not read here). A token that opens nothing answers the same
 * page whatever was wrong: unknown, revoked or expired.
 */
@Hidden
@Controller("/console/shared")
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleSharedController {

    private final ConsolePages pages;
    private final ArtifactGuard guard;
    private final ArtifactService artifacts;

    public ConsoleSharedController(ConsolePages pages, ArtifactGuard guard, ArtifactService artifacts) {
        this.pages = pages;
        this.guard = guard;
        this.artifacts = artifacts;
    }

    @Get("/{token}")
    public HttpResponse<?> shared(HttpRequest<?> request, String token) {
        Map<String, Object> model = new HashMap<>();
        if (!(Principals.of(request) instanceof Principal.ShareLink link)) {
            model.put("title", "Link not usable");
            return pages.html(request, "console/shared-gone", model).status(HttpStatus.NOT_FOUND);
        }
        ArtifactHeadRow head = guard.authorize(link, link.artifactId(), Action.ARTIFACT_VIEW);
        ArtifactVersionRow shown =
                artifacts.readableVersion(head, head.headVersion(), guard.featuresOf(request, head.tenantId()));
        model.put("title", head.title());
        model.put("head", head);
        model.put("shown", shown);
        model.put("role", link.role().name().toLowerCase(java.util.Locale.ROOT));
        Previews.put(artifacts, head, shown, model);
        return pages.html(request, "console/shared", model);
    }
}
