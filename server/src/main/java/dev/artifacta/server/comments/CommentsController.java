package dev.artifacta.server.comments;

import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.comments.CommentViews.CommentPage;
import dev.artifacta.server.comments.CommentViews.CommentView;
import dev.artifacta.server.http.openapi.ApiAnswers;
import dev.artifacta.server.http.openapi.ApiProblems;
import dev.artifacta.server.http.openapi.ApiSecurity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;

/**
 * Comments on artifacts and replies to them. Whoever can view an artifact reads its comments;
 * posting, editing and deleting need {@code comments:write} on a key, and a person or an agent
 * behind the call (a share link or the public cannot comment). Authors edit and delete their own;
 * an admin of the artifact deletes any.
 */
@Controller("/v1/artifacts/{id}/comments")
@Secured(SecurityRule.IS_ANONYMOUS) // public artifacts: the access policy decides
@Tag(name = "Comments")
@ApiSecurity.OptionalCredentials
@ApiProblems.BadRequest
@ApiProblems.Unauthenticated
@ApiProblems.Forbidden
@ApiProblems.NotFound
@ApiProblems.TooManyRequests
@ExecuteOn(TaskExecutors.BLOCKING)
public class CommentsController {

    /** A comment: up to 10,000 characters, optionally about one version of the artifact. */
    @Schema(name = "PostCommentRequest")
    @Serdeable
    public record CommentRequest(
            @NotNull String body, @Nullable Long version) {}

    /** A reply (up to 5,000 characters) or a comment's new text. */
    @Schema(name = "CommentTextRequest")
    @Serdeable
    public record TextRequest(@NotNull String body) {}

    private final CommentService comments;

    public CommentsController(CommentService comments) {
        this.comments = comments;
    }

    @Post
    @Status(HttpStatus.CREATED)
    @Operation(
            operationId = "postComment",
            summary = "Comment on an artifact",
            description = "Up to 10,000 characters; attributed to the person or agent behind the call.")
    @ApiAnswers.Created
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public HttpResponse<CommentView> post(
            HttpRequest<?> request, @PathVariable String id, @Body @Valid CommentRequest body) {
        return created(comments.post(request, id, body.body(), body.version(), RequestInfos.of(request)));
    }

    @Get
    @Operation(
            operationId = "listComments",
            summary = "List comments",
            description = "Newest first, each with its replies oldest first; ?version=n for one version's;"
                    + " limit 1 to 200, cursor from the last page.")
    public CommentPage list(
            HttpRequest<?> request,
            @PathVariable String id,
            @Parameter(
                            description = "Only the comments on this version (none match 0 or less); empty is"
                                    + " every version.",
                            allowEmptyValue = true,
                            schema = @Schema(type = "integer", format = "int64"))
                    @Nullable
                    @QueryValue
                    Long version,
            @ApiAnswers.Cursor @Nullable @QueryValue String cursor,
            @ApiAnswers.Limit @Nullable @QueryValue Integer limit) {
        return comments.list(request, id, version, cursor, limit);
    }

    @Get("/{commentId}")
    @Operation(
            operationId = "getComment",
            summary = "Read a comment",
            description = "A comment with its replies, or one reply.")
    public CommentView read(HttpRequest<?> request, @PathVariable String id, @PathVariable String commentId) {
        return comments.read(request, id, commentId);
    }

    @Post("/{commentId}/replies")
    @Status(HttpStatus.CREATED)
    @Operation(
            operationId = "replyToComment",
            summary = "Reply to a comment",
            description = "Up to 5,000 characters; replies are one level deep.")
    @ApiAnswers.Created
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public HttpResponse<CommentView> reply(
            HttpRequest<?> request,
            @PathVariable String id,
            @PathVariable String commentId,
            @Body @Valid TextRequest body) {
        return created(comments.reply(request, id, commentId, body.body(), RequestInfos.of(request)));
    }

    @Patch("/{commentId}")
    @Operation(
            operationId = "editComment",
            summary = "Edit a comment",
            description = "Its author only; the earlier text stays in the audit log.")
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public CommentView edit(
            HttpRequest<?> request,
            @PathVariable String id,
            @PathVariable String commentId,
            @Body @Valid TextRequest body) {
        return comments.edit(request, id, commentId, body.body(), RequestInfos.of(request));
    }

    @Delete("/{commentId}")
    @Status(HttpStatus.NO_CONTENT)
    @ApiAnswers.NoContent
    @Operation(
            operationId = "deleteComment",
            summary = "Delete a comment",
            description = "Its author, or an admin of the artifact; its text stays in the audit log.")
    public HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id, @PathVariable String commentId) {
        comments.delete(request, id, commentId, RequestInfos.of(request));
        return HttpResponse.noContent();
    }

    private static HttpResponse<CommentView> created(CommentView comment) {
        return HttpResponse.created(
                comment, URI.create("/v1/artifacts/" + comment.artifactId() + "/comments/" + comment.id()));
    }
}
