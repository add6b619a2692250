package dev.artifacta.command.comments;

import static dev.artifacta.command.shared.RejectionMatcher.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.events.CommentDeleted;
import dev.artifacta.events.CommentEdited;
import dev.artifacta.events.CommentPosted;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommentTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String TENANT = "tenant-acme";
    private static final String ARTIFACT = "artifact-1";
    private static final String COMMENT = "comment-1";
    private static final String REPLY = "reply-1";
    private static final String DANA = "user-dana";
    private static final String BOT = "agent-bot";

    private final Map<String, CommentThreads.Thread> threads = new HashMap<>();
    private AggregateTestFixture<Comment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Comment.class);
        fixture.registerInjectableResource(
                (CommentThreads) (tenantId, commentId) -> Optional.ofNullable(threads.get(tenantId + "/" + commentId)));
    }

    private static PostComment comment(String body, Long version) {
        return new PostComment(COMMENT, TENANT, ARTIFACT, null, version, body, "user", DANA, "Dana Dev", NOW);
    }

    private static PostComment reply(String parentId, String body) {
        return new PostComment(REPLY, TENANT, ARTIFACT, parentId, null, body, "agent", BOT, "deploy-bot", NOW);
    }

    private static CommentPosted posted(String body) {
        return new CommentPosted(TENANT, COMMENT, ARTIFACT, null, 2L, body, "user", DANA, "Dana Dev", NOW);
    }

    @Test
    void givenNothing_whenAPersonComments_thenPostedAsThemAboutTheVersion() {
        fixture.givenNoPriorActivity().when(comment("Looks good.", 2L)).expectEvents(posted("Looks good."));
    }

    @Test
    void givenAComment_whenAnAgentReplies_thenTheReplyTakesTheCommentsVersion() {
        threads.put(TENANT + "/" + COMMENT, new CommentThreads.Thread(ARTIFACT, null, 2L, false));

        fixture.givenNoPriorActivity()
                .when(reply(COMMENT, "Fixed."))
                .expectEvents(new CommentPosted(
                        TENANT, REPLY, ARTIFACT, COMMENT, 2L, "Fixed.", "agent", BOT, "deploy-bot", NOW));
    }

    @Test
    void givenAReply_whenSomeoneRepliesToIt_thenRefused_repliesAreOneLevelDeep() {
        threads.put(TENANT + "/" + REPLY, new CommentThreads.Thread(ARTIFACT, COMMENT, null, false));

        fixture.givenNoPriorActivity()
                .when(new PostComment("reply-2", TENANT, ARTIFACT, REPLY, null, "And?", "user", DANA, "Dana", NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "reply-to-reply"));
    }

    @Test
    void givenADeletedCommentOrOneOnAnotherArtifactOrTenant_whenRepliedTo_thenNotFound() {
        threads.put(TENANT + "/deleted", new CommentThreads.Thread(ARTIFACT, null, null, true));
        threads.put(TENANT + "/elsewhere", new CommentThreads.Thread("artifact-2", null, null, false));
        threads.put("tenant-other/" + COMMENT, new CommentThreads.Thread(ARTIFACT, null, null, false));

        for (String parent : new String[] {"deleted", "elsewhere", COMMENT, "unknown"}) {
            fixture.givenNoPriorActivity()
                    .when(reply(parent, "Hello"))
                    .expectNoEvents()
                    .expectException(rejection(CommentNotFound.class, "comment-not-found"));
        }
    }

    @Test
    void givenNothing_whenACommentHasTenThousandCharacters_thenPosted_andOneMoreIsRefused() {
        String longest = "é".repeat(Comment.MAX_COMMENT_LENGTH - 1) + "😀"; // code points, not UTF-16 units

        fixture.givenNoPriorActivity().when(comment(longest, 2L)).expectEvents(posted(longest));
        fixture.givenNoPriorActivity()
                .when(comment(longest + "x", 2L))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "comment-too-long"));
    }

    @Test
    void givenAComment_whenAReplyHasFiveThousandOneCharacters_thenRefused() {
        threads.put(TENANT + "/" + COMMENT, new CommentThreads.Thread(ARTIFACT, null, 2L, false));

        fixture.givenNoPriorActivity()
                .when(reply(COMMENT, "x".repeat(Comment.MAX_REPLY_LENGTH)))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(reply(COMMENT, "x".repeat(Comment.MAX_REPLY_LENGTH + 1)))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "comment-too-long"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", " \n\t \n", "\u3000"})
    void givenNothing_whenTheBodyIsOnlyWhitespace_thenRefused(String body) {
        fixture.givenNoPriorActivity()
                .when(comment(body, null))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-comment-body"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "bell\u0007", "\u0085next", "half \uD800"})
    void givenNothing_whenTheBodyHoldsNulOrAnotherControlCharacter_thenRefused(String body) {
        fixture.givenNoPriorActivity()
                .when(comment(body, null))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-text"));
    }

    @Test
    void givenNothing_whenTheBodyHasWindowsLineBreaksAndDecomposedAccents_thenStoredWithLineFeedsInNfc() {
        fixture.givenNoPriorActivity()
                .when(comment("Cafe\u0301\r\nline two\rthree", 2L))
                .expectEvents(posted("Café\nline two\nthree"));
    }

    @Test
    void givenNothing_whenTheBodyQuotesAnApiKey_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(comment("try ak_live_ABCDEFGH12345678", null))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "secret-in-plain-text"));
    }

    @Test
    void givenAComment_whenItsAuthorEdits_thenEdited_andSomeoneElseIsRefused() {
        fixture.given(posted("Frist"))
                .when(new EditComment(COMMENT, TENANT, ARTIFACT, DANA, "First", NOW))
                .expectEvents(new CommentEdited(TENANT, COMMENT, ARTIFACT, "First", NOW));
        fixture.given(posted("Frist"))
                .when(new EditComment(COMMENT, TENANT, ARTIFACT, BOT, "Second", NOW))
                .expectNoEvents()
                .expectException(rejection(NotCommentAuthor.class, "not-comment-author"));
    }

    @Test
    void givenAComment_whenDeletedByItsAuthorOrAModerator_thenDeleted_andByAnyoneElseRefused() {
        fixture.given(posted("Hi"))
                .when(new DeleteComment(COMMENT, TENANT, ARTIFACT, DANA, false, NOW))
                .expectEvents(new CommentDeleted(TENANT, COMMENT, ARTIFACT, true, NOW));
        fixture.given(posted("Hi"))
                .when(new DeleteComment(COMMENT, TENANT, ARTIFACT, BOT, true, NOW))
                .expectEvents(new CommentDeleted(TENANT, COMMENT, ARTIFACT, false, NOW));
        fixture.given(posted("Hi"))
                .when(new DeleteComment(COMMENT, TENANT, ARTIFACT, BOT, false, NOW))
                .expectNoEvents()
                .expectException(rejection(NotCommentAuthor.class, "not-comment-author"));
    }

    @Test
    void givenADeletedComment_whenEditedOrDeletedAgain_thenNotFound() {
        CommentDeleted deleted = new CommentDeleted(TENANT, COMMENT, ARTIFACT, true, NOW);
        fixture.given(posted("Hi"), deleted)
                .when(new EditComment(COMMENT, TENANT, ARTIFACT, DANA, "Back", NOW))
                .expectNoEvents()
                .expectException(rejection(CommentNotFound.class, "comment-not-found"));
        fixture.given(posted("Hi"), deleted)
                .when(new DeleteComment(COMMENT, TENANT, ARTIFACT, DANA, false, NOW))
                .expectNoEvents()
                .expectException(rejection(CommentNotFound.class, "comment-not-found"));
    }

    @Test
    void givenAComment_whenReachedThroughAnotherArtifactOrTenant_thenNotFound() {
        fixture.given(posted("Hi"))
                .when(new EditComment(COMMENT, TENANT, "artifact-2", DANA, "x", NOW))
                .expectException(rejection(CommentNotFound.class, "comment-not-found"));
        fixture.given(posted("Hi"))
                .when(new DeleteComment(COMMENT, "tenant-other", ARTIFACT, DANA, true, NOW))
                .expectException(rejection(CommentNotFound.class, "comment-not-found"));
    }

    @Test
    void aReplyHasHalfTheRoomOfAComment() {
        assertThat(Comment.bodyOf("x".repeat(5_001), false)).hasSize(5_001);
        assertThatThrownBy(() -> Comment.bodyOf("x".repeat(5_001), true)).isInstanceOf(InvalidRequest.class);
    }
}
