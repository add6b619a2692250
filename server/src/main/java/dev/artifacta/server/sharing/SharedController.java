package dev.artifacta.server.sharing;

import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.server.access.Action;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.artifacts.ArtifactGuard;
import dev.artifacta.server.artifacts.ArtifactService;
import dev.artifacta.server.artifacts.ArtifactViews.ArtifactView;
import dev.artifacta.server.artifacts.ArtifactViews.VersionView;
import dev.artifacta.server.artifacts.VersionRequest;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.http.openapi.ApiAnswers;
import dev.artifacta.server.http.openapi.ApiProblems;
import dev.artifacta.server.http.openapi.ApiSecurity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * What a share link opens, as the link itself: the {@link Principal.ShareLink} that the share link
 * authentication source resolved from the token, with the link's role on one artifact. Unknown,
 * expired and revoked links, and links to deleted artifacts, all answer the same 404.
 */
@Controller("/v1/shared/{token}")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Share links")
@ApiSecurity.NoCredentials
@ApiProblems.BadRequest
@ApiProblems.NotFound
@ApiProblems.TooManyRequests
@ExecuteOn(TaskExecutors.BLOCKING)
public class SharedController {

    private final ArtifactGuard guard;
    private final ArtifactService artifacts;

    public SharedController(ArtifactGuard guard, ArtifactService artifacts) {
        this.guard = guard;
        this.artifacts = artifacts;
    }

    @Get
    @Operation(
            operationId = "openShareLink",
            summary = "Open a share link",
            description = "The artifact's metadata and head. The token in the path is the credential; unknown,"
                    + " expired and revoked links answer the same 404.")
    public ArtifactView open(HttpRequest<?> request, @PathVariable String token) {
        return artifacts.view(open(request, Action.ARTIFACT_VIEW));
    }

    @Get("/content")
    @Produces(MediaType.ALL)
    @Operation(
            operationId = "getSharedContent",
            summary = "Read content through a share link",
            description = "The head, or ?version=n.")
    @ApiAnswers.RawContent
    public HttpResponse<byte[]> content(
            HttpRequest<?> request,
            @PathVariable String token,
            @Parameter(
                            description = "A version number; the head when absent or empty.",
                            allowEmptyValue = true,
                            schema = @Schema(type = "integer", format = "int64", minimum = "1"))
                    @Nullable
                    @QueryValue
                    Long version) {
        ArtifactHeadRow head = open(request, Action.ARTIFACT_VIEW);
        return artifacts.content(
                head,
                artifacts.readableVersion(
                        head,
                        version == null ? head.headVersion() : version,
                        guard.featuresOf(request, head.tenantId())));
    }

    @Post("/versions")
    @Status(HttpStatus.CREATED)
    @Operation(
            operationId = "appendSharedVersion",
            summary = "Append a version through an editor link",
            description = "Location is relative to the request: content?version=n. With If-Match: \"n\" only while n"
                    + " is the head (else 412).")
    @ApiAnswers.CreatedVersion
    @ApiProblems.Forbidden
    @ApiProblems.Conflict
    @ApiProblems.PreconditionFailed
    @ApiProblems.ContentTooLarge
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public HttpResponse<VersionView> append(
            HttpRequest<?> request,
            @PathVariable String token,
            @ApiAnswers.IfMatch @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
            @Body @Valid VersionRequest body) {
        ArtifactHeadRow head = open(request, Action.ARTIFACT_UPDATE);
        // Relative to this request's URL, so that it leads to /v1/shared/{token}/content, which the
        // link can read, without echoing the token.
        return artifacts.appendVersion(
                "content",
                head,
                body,
                ArtifactService.expectedVersion(ifMatch),
                guard.featuresOf(request, head.tenantId()),
                Principals.of(request),
                RequestInfos.of(request));
    }

    private ArtifactHeadRow open(HttpRequest<?> request, Action action) {
        if (!(Principals.of(request) instanceof Principal.ShareLink link)) {
            throw noSuchLink();
        }
        try {
            return guard.authorize(link, link.artifactId(), action);
        } catch (ProblemException refused) {
            if (refused.problem().getStatus() == 404) {
                throw noSuchLink();
            }
            throw refused;
        }
    }

    private static ProblemException noSuchLink() {
        return Problems.notFound("share-link-not-found", "There is no such share link.");
    }
}
