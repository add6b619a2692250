package dev.artifacta.server.comments;

import dev.artifacta.command.comments.CommentNotFound;
import dev.artifacta.command.comments.DeleteComment;
import dev.artifacta.command.comments.EditComment;
import dev.artifacta.command.comments.PostComment;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.query.comments.CommentListQueries;
import dev.artifacta.query.comments.CommentListRow;
import dev.artifacta.server.access.Action;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.artifacts.ArtifactGuard;
import dev.artifacta.server.comments.CommentViews.CommentPage;
import dev.artifacta.server.comments.CommentViews.CommentView;
import dev.artifacta.server.http.Ids;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The comment use cases. The artifact guard decides who reaches the artifact and with which role;
 * the comment itself decides who may edit or delete it (its author, or for deleting an admin of
 * the artifact).
 */
@Singleton
public class CommentService {

    private final ArtifactGuard guard;
    private final CommentListQueries comments;
    private final Commands commands;
    private final ReadModelBarrier barrier;
    private final Clock clock;

    public CommentService(
            ArtifactGuard guard,
            CommentListQueries comments,
            Commands commands,
            ReadModelBarrier barrier,
            Clock clock) {
        this.guard = guard;
        this.comments = comments;
        this.commands = commands;
        this.barrier = barrier;
        this.clock = clock;
    }

    /** Posts a comment on the artifact, about one of its versions when given. */
    public CommentView post(HttpRequest<?> request, String artifactId, String body, Long version, RequestInfo info) {
        Principal caller = guard.callerOf(request);
        ArtifactHeadRow head = guard.authorize(caller, artifactId, Action.COMMENT_CREATE);
        if (version != null && (version < 1 || version > head.headVersion())) {
            throw Problems.invalid(
                    "version-not-found",
                    "This artifact has versions 1 to " + head.headVersion() + "; there is no version " + version + ".");
        }
        return send(caller, head, null, body, version, info);
    }

    /** Replies to a comment of the artifact. */
    public CommentView reply(
            HttpRequest<?> request, String artifactId, String parentId, String body, RequestInfo info) {
        Principal caller = guard.callerOf(request);
        ArtifactHeadRow head = guard.authorize(caller, artifactId, Action.COMMENT_CREATE);
        visible(head, parentId);
        return send(caller, head, parentId, body, null, info);
    }

    /** A page of the artifact's comments with their replies, newest first. */
    public CommentPage list(HttpRequest<?> request, String artifactId, Long version, String cursor, Integer limit) {
        ArtifactHeadRow head = guard.authorize(guard.callerOf(request), artifactId, Action.ARTIFACT_VIEW);
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) {
            throw Problems.badRequest("invalid-limit", "limit must be between 1 and 200.");
        }
        Cursor after = Cursor.decode(cursor);
        List<CommentListRow> rows = comments.page(
                head.tenantId(), head.artifactId(), version, after.postedAt(), after.commentId(), size + 1);
        List<CommentListRow> page = rows.size() > size ? rows.subList(0, size) : rows;
        Map<String, List<CommentListRow>> replies = comments.replies(
                head.tenantId(), page.stream().map(CommentListRow::commentId).toList());
        String next = rows.size() > size ? Cursor.encode(page.getLast()) : null;
        return new CommentPage(
                page.stream()
                        .map(row -> CommentViews.of(row, replies.get(row.commentId())))
                        .toList(),
                next);
    }

    /** One comment with its replies, or one reply. */
    public CommentView read(HttpRequest<?> request, String artifactId, String commentId) {
        ArtifactHeadRow head = guard.authorize(guard.callerOf(request), artifactId, Action.ARTIFACT_VIEW);
        CommentListRow row = visible(head, commentId);
        return view(head, row);
    }

    /** Changes the text of the caller's own comment. */
    public CommentView edit(
            HttpRequest<?> request, String artifactId, String commentId, String body, RequestInfo info) {
        Principal caller = guard.callerOf(request);
        ArtifactHeadRow head = guard.authorize(caller, artifactId, Action.COMMENT_EDIT);
        visible(head, commentId);
        commands.send(
                new EditComment(commentId, head.tenantId(), head.artifactId(), authorIdOf(caller), body, now()),
                caller,
                info);
        barrier.awaitViews();
        return view(head, visible(head, commentId));
    }

    /** Deletes the caller's own comment, or any comment for an admin of the artifact. */
    public void delete(HttpRequest<?> request, String artifactId, String commentId, RequestInfo info) {
        Principal caller = guard.callerOf(request);
        ArtifactHeadRow head = guard.authorize(caller, artifactId, Action.COMMENT_DELETE);
        visible(head, commentId);
        boolean moderator = guard.allows(caller, head, Action.COMMENT_MODERATE);
        commands.send(
                new DeleteComment(commentId, head.tenantId(), head.artifactId(), authorIdOf(caller), moderator, now()),
                caller,
                info);
        barrier.awaitViews();
    }

    private CommentView send(
            Principal caller, ArtifactHeadRow head, String parentId, String body, Long version, RequestInfo info) {
        Principal.Identity author = caller.identity().orElseThrow();
        String commentId = UUID.randomUUID().toString();
        commands.send(
                new PostComment(
                        commentId,
                        head.tenantId(),
                        head.artifactId(),
                        parentId,
                        version,
                        body,
                        author.type(),
                        authorIdOf(caller),
                        nameOf(author),
                        now()),
                caller,
                info);
        barrier.awaitViews();
        return view(head, visible(head, commentId));
    }

    private CommentView view(ArtifactHeadRow head, CommentListRow row) {
        if (row.parentId() != null) {
            return CommentViews.of(row, null);
        }
        return CommentViews.of(
                row, comments.replies(head.tenantId(), List.of(row.commentId())).get(row.commentId()));
    }

    /** The artifact's comment, unless deleted; anything else is the same 404. */
    private CommentListRow visible(ArtifactHeadRow head, String commentId) {
        if (!Ids.isUuid(commentId)) {
            throw new CommentNotFound(commentId);
        }
        return comments.comment(head.tenantId(), head.artifactId(), commentId)
                .filter(row -> row.deletedAt() == null)
                .orElseThrow(() -> new CommentNotFound(commentId));
    }

    /** The person or agent a caller acts as: comments are theirs, whichever key was used. */
    private static String authorIdOf(Principal caller) {
        return switch (caller.identity().orElseThrow()) {
            case Principal.User user -> user.userId();
            case Principal.Agent agent -> agent.agentId();
        };
    }

    private static String nameOf(Principal.Identity author) {
        return switch (author) {
            case Principal.User user ->
                user.displayName() == null || user.displayName().isBlank() ? user.email() : user.displayName();
            case Principal.Agent agent -> agent.name();
        };
    }

    /** Stored instants have microseconds; the cursor compares with what was stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Where a page ends: the last comment's time and id, opaque to clients. */
    private record Cursor(Instant postedAt, String commentId) {

        static final Cursor START = new Cursor(CommentListQueries.END_OF_TIME, "~");

        static String encode(CommentListRow row) {
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, row.postedAt());
            String text = "c1:" + micros + ":" + row.commentId();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            if (cursor == null) {
                return START;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
                if (parts.length == 3 && parts[0].equals("c1") && Ids.isUuid(parts[2])) {
                    long micros = Long.parseLong(parts[1]);
                    return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), parts[2]);
                }
            } catch (IllegalArgumentException malformed) {
                // answered below
            }
            throw Problems.badRequest("invalid-cursor", "The cursor is not one this API returned.");
        }
    }
}
