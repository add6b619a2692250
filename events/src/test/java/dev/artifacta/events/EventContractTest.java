package dev.artifacta.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The event contract snapshot. Every event is stored as JSON under its class name and revision and
 * is read back for as long as the store exists, so its JSON shape may only change together with a
 * new {@code @Revision} and an upcaster. This test serializes one sample of every event and compares
 * it with the JSON checked in under {@code src/test/resources/contract/<Event>.rev<N>.json}.
 */
class EventContractTest {

    private static final String CONTRACT_DIR = "contract/";
    private static final Path ACTUAL_DIR = Path.of("target", "contract-actual");
    private static final ObjectMapper JSON = EventJson.objectMapper();

    private static final String TENANT_ID = "0b6f3c2e-4a1d-4e8b-9f7a-3c5d2e1b0a99";
    private static final String KEY_ID = "5a2d9e41-7c3b-4f60-8e1a-9b4c6d2f7e10";
    private static final Instant AT = Instant.parse("2025-03-01T10:15:30.123Z");
    private static final String PROJECT_ID = "7e1c4b2a-90d3-4f5e-8a6b-1c2d3e4f5a6b";
    private static final String ARTIFACT_ID = "2f9a8b7c-6d5e-4f3a-9b2c-1d0e9f8a7b6c";
    private static final String AGENT_ID = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
    private static final String LINK_ID = "c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f";
    private static final String INVITATION_ID = "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b";
    private static final String USER_ID = "a0b1c2d3-e4f5-3a6b-8c7d-9e0f1a2b3c4d";
    private static final String SESSION_ID = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e";
    private static final String COMMENT_ID = "d3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a";
    private static final String REPLY_ID = "f5a6b7c8-d9e0-4f1a-9b2c-3d4e5f6a7b8c";
    private static final String CLIENT_ID = "6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e";
    private static final String TOKEN_ID = "8d9e0f1a-2b3c-4d4e-9f5a-6b7c8d9e0f1a";
    private static final Instant EXPIRES = Instant.parse("2025-03-15T10:15:30.123Z");
    private static final ContentRef CONTENT = new ContentRef(
            "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", 3, "text/markdown", "notes.md");

    /** One instance of every concrete event, with fixed ids and times. A new event needs one here. */
    private static final List<ArtifactaEvent> SAMPLES = List.of(
            new TenantCreated(TENANT_ID, "acme-corp", "owner@acme.test", "free", AT),
            new TenantPlanChanged(TENANT_ID, "free", "pro", AT),
            new TenantClientRegistrationChanged(TENANT_ID, true, AT),
            new MemberInvited(TENANT_ID, INVITATION_ID, "dev@acme.test", "editor", EXPIRES, AT),
            new InvitationRevoked(TENANT_ID, INVITATION_ID, "dev@acme.test", AT),
            new MemberJoined(TENANT_ID, USER_ID, "dev@acme.test", "Dana Dev", "editor", INVITATION_ID, AT),
            new MemberRoleChanged(TENANT_ID, USER_ID, "dev@acme.test", "editor", "admin", AT),
            new MemberRemoved(TENANT_ID, USER_ID, "dev@acme.test", "admin", AT),
            new UserSignedIn(
                    TENANT_ID,
                    USER_ID,
                    "dev@acme.test",
                    "Dana Dev",
                    SESSION_ID,
                    "https://id.acme.test/realms/acme",
                    "f3b1c2d4",
                    AT),
            new UserSignedOut(TENANT_ID, USER_ID, SESSION_ID, AT),
            new SessionExpired(TENANT_ID, USER_ID, SESSION_ID, "idle", AT),
            new SignInFailed(TENANT_ID, "dev@acme.test", "email-not-verified", "https://id.acme.test/realms/acme", AT),
            new ApiKeyCreated(
                    TENANT_ID,
                    KEY_ID,
                    "CI Pipeline",
                    "Deploys from main",
                    "ak_live_Ab3d",
                    "Cd4f",
                    "b3410e7bc17b5c27ac574b083e4422bb1c9f4df642c32062e9dfbaefc46f3f5d",
                    List.of("artifacts:create", "artifacts:read"),
                    KeyIdentity.agent(AGENT_ID, "deploy-bot"),
                    Instant.parse("2026-03-01T00:00:00Z"),
                    AT),
            new AgentCreated(
                    TENANT_ID,
                    AGENT_ID,
                    "deploy-bot",
                    "Deploys from main",
                    "editor",
                    "owner@acme.test",
                    "owner@acme.test",
                    AT),
            new AgentRenamed(TENANT_ID, AGENT_ID, "deploy-bot", "release-bot", AT),
            new AgentRoleChanged(TENANT_ID, AGENT_ID, "editor", "viewer", AT),
            new AgentDisabled(TENANT_ID, AGENT_ID, "release-bot", AT),
            new AgentEnabled(TENANT_ID, AGENT_ID, "release-bot", AT),
            new OAuthClientRegistered(
                    TENANT_ID,
                    CLIENT_ID,
                    "Claude Desktop",
                    List.of("artifacts:read", "audit:read"),
                    List.of("client_credentials"),
                    List.of(),
                    "cs_live_Ab3x",
                    "9f2Q",
                    "3b1f0e2d4c5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
                    KeyIdentity.user("owner@acme.test"),
                    AT),
            new OAuthClientSecretRotated(
                    TENANT_ID,
                    CLIENT_ID,
                    "Claude Desktop",
                    "cs_live_Zy9w",
                    "k3P1",
                    "0f1e2d3c4b5a69788796a5b4c3d2e1f03b1f0e2d4c5a69788796a5b4c3d2e1f0",
                    AT),
            new OAuthClientDisabled(TENANT_ID, CLIENT_ID, "Claude Desktop", AT),
            new OAuthTokenIssued(
                    TENANT_ID, CLIENT_ID, TOKEN_ID, "client_credentials", List.of("artifacts:read"), EXPIRES, AT),
            new OAuthTokenRevoked(TENANT_ID, CLIENT_ID, TOKEN_ID, AT),
            new OAuthTokenRefused(TENANT_ID, CLIENT_ID, TOKEN_ID, "token-revoked", AT),
            new OAuthClientAuthorized(
                    TENANT_ID,
                    CLIENT_ID,
                    SESSION_ID,
                    USER_ID,
                    List.of("artifacts:read"),
                    "http://127.0.0.1:33418/callback",
                    AT),
            new ApiKeyRenamed(TENANT_ID, KEY_ID, "CI", "CI Pipeline", AT),
            new ApiKeyRevoked(TENANT_ID, KEY_ID, "CI Pipeline", AT),
            new ProjectCreated(TENANT_ID, PROJECT_ID, "default", "Default", AT),
            new ArtifactCreated(TENANT_ID, ARTIFACT_ID, PROJECT_ID, "Release notes", CONTENT, true, AT),
            new ArtifactVersionAppended(TENANT_ID, ARTIFACT_ID, 2, CONTENT, AT),
            new ArtifactRestored(TENANT_ID, ARTIFACT_ID, 3, 1, CONTENT, AT),
            new ArtifactDeleted(TENANT_ID, ARTIFACT_ID, AT),
            new ArtifactAccessUpdated(TENANT_ID, ARTIFACT_ID, false, false, List.of("viewer@acme.test"), AT),
            new ShareLinkCreated(
                    TENANT_ID,
                    LINK_ID,
                    ARTIFACT_ID,
                    "viewer",
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    "sl_live_Zx9q",
                    Instant.parse("2026-06-30T12:00:00Z"),
                    AT),
            new ShareLinkRevoked(TENANT_ID, LINK_ID, ARTIFACT_ID, AT),
            new CommentPosted(
                    TENANT_ID,
                    REPLY_ID,
                    ARTIFACT_ID,
                    COMMENT_ID,
                    2L,
                    "Agreed; fixed in version 3.\nSee the diff.",
                    "agent",
                    AGENT_ID,
                    "deploy-bot",
                    AT),
            new CommentEdited(TENANT_ID, COMMENT_ID, ARTIFACT_ID, "The summary misses the rollback step.", AT),
            new CommentDeleted(TENANT_ID, COMMENT_ID, ARTIFACT_ID, true, AT),
            new AccessDenied(
                    TENANT_ID,
                    "POST /v1/artifacts/{id}/versions",
                    "artifact",
                    ARTIFACT_ID,
                    AccessDenied.SCOPE,
                    "insufficient-scope",
                    AT));

    @Test
    void everyConcreteEventHasExactlyOneSample() {
        Map<Class<?>, Long> samplesPerType =
                SAMPLES.stream().collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));

        for (Class<?> event : concreteEvents()) {
            assertThat(samplesPerType.getOrDefault(event, 0L))
                    .as(
                            "%s is an ArtifactaEvent, so EventContractTest.SAMPLES needs exactly one instance of it"
                                    + " (with fixed ids and times) to pin its stored JSON",
                            event.getName())
                    .isEqualTo(1L);
        }
        assertThat(concreteEvents()).containsAll(samplesPerType.keySet());
    }

    @TestFactory
    Stream<DynamicTest> everyEventMatchesItsCheckedInJson() {
        Map<Class<?>, ArtifactaEvent> samples = samplesByType();
        return concreteEvents().stream()
                .map(event -> dynamicTest(
                        event.getSimpleName() + " matches its contract JSON",
                        () -> assertMatchesContract(event, samples.get(event))));
    }

    @TestFactory
    Stream<DynamicTest> everyEventRoundTripsThroughJson() {
        Map<Class<?>, ArtifactaEvent> samples = samplesByType();
        return concreteEvents().stream()
                .map(event -> dynamicTest(event.getSimpleName() + " round-trips", () -> {
                    ArtifactaEvent sample = requireSample(event, samples.get(event));
                    Object read = JSON.readValue(JSON.writeValueAsString(sample), event);
                    assertThat(read).isEqualTo(sample);
                }));
    }

    @Test
    void concreteEventsAreFoundThroughTheWholeSealedHierarchy() {
        // Guards the walk itself: if it found nothing, every other test here would pass vacuously.
        assertThat(concreteEvents())
                .contains(TenantCreated.class, TenantPlanChanged.class, ApiKeyCreated.class, ApiKeyRevoked.class)
                .doesNotContain(ArtifactaEvent.class, TenantEvent.class, ApiKeyEvent.class);
    }

    @Test
    void fieldsFromANewerRevisionAreIgnoredWhenReading() throws IOException {
        // A node still on the old code must keep reading events written by a newer one during a rollout.
        String newer = """
                {"tenantId":"t-1","name":"acme-corp","ownerEmail":"owner@acme.test","plan":"free",
                 "createdAt":"2025-03-01T10:15:30Z","region":"eu-west-1"}
                """;

        assertThat(JSON.readValue(newer, TenantCreated.class))
                .isEqualTo(new TenantCreated(
                        "t-1", "acme-corp", "owner@acme.test", "free", Instant.parse("2025-03-01T10:15:30Z")));
    }

    private static void assertMatchesContract(Class<?> event, ArtifactaEvent sample) throws IOException {
        requireSample(event, sample);
        Revision revision = event.getAnnotation(Revision.class);
        if (revision == null) {
            fail("%s has no @Revision: every event carries one from its first version", event.getName());
        }
        String fileName = event.getSimpleName() + ".rev" + revision.value() + ".json";
        String actual = normalize(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sample));
        String expected = readContract(fileName);

        if (expected == null) {
            Path written = writeActual(fileName, actual);
            fail(
                    "There is no contract file %s%s. If %s is new or its revision was raised, review %s and"
                            + " copy it to src/test/resources/%s",
                    CONTRACT_DIR, fileName, event.getSimpleName(), written.toAbsolutePath(), CONTRACT_DIR);
        }
        if (!expected.equals(actual)) {
            Path written = writeActual(fileName, actual);
            assertThat(actual)
                    .as(
                            "The JSON of %s no longer matches %s, and events of revision %s are already stored."
                                    + " Restore the old shape, or raise @Revision, add an upcaster %s%sTo<next>Upcaster"
                                    + " and check in %s.rev<next>.json beside the old file (the current JSON is in %s)",
                            event.getSimpleName(),
                            fileName,
                            revision.value(),
                            event.getSimpleName(),
                            revision.value(),
                            event.getSimpleName(),
                            written.toAbsolutePath())
                    .isEqualTo(expected);
        }
        assertThat(JSON.readValue(expected, event))
                .as("The checked-in %s must still read into %s", fileName, event.getSimpleName())
                .isEqualTo(sample);
    }

    /** Every concrete class under the sealed {@link ArtifactaEvent}, sorted by name. */
    static Set<Class<?>> concreteEvents() {
        Set<Class<?>> found = new TreeSet<>(Comparator.comparing(Class::getName));
        collectConcrete(ArtifactaEvent.class, found);
        return found;
    }

    private static void collectConcrete(Class<?> type, Set<Class<?>> found) {
        if (!type.isSealed()) {
            fail(
                    "%s is not sealed, so its implementations cannot be enumerated; seal it so the contract"
                            + " test sees every event",
                    type.getName());
        }
        for (Class<?> permitted : type.getPermittedSubclasses()) {
            if (permitted.isSealed()) {
                collectConcrete(permitted, found);
            } else if (permitted.isInterface() || Modifier.isAbstract(permitted.getModifiers())) {
                fail("%s is neither sealed nor concrete: seal it", permitted.getName());
            } else {
                found.add(permitted);
            }
        }
    }

    private static Map<Class<?>, ArtifactaEvent> samplesByType() {
        // Duplicates are reported by everyConcreteEventHasExactlyOneSample; here the first one wins.
        return SAMPLES.stream()
                .collect(Collectors.toMap(Object::getClass, Function.identity(), (first, duplicate) -> first));
    }

    private static ArtifactaEvent requireSample(Class<?> event, ArtifactaEvent sample) {
        if (sample == null) {
            fail(
                    "No sample for %s: add one instance with fixed ids and times to EventContractTest.SAMPLES",
                    event.getName());
        }
        return sample;
    }

    private static String readContract(String fileName) throws IOException {
        try (InputStream in = EventContractTest.class.getClassLoader().getResourceAsStream(CONTRACT_DIR + fileName)) {
            return in == null ? null : normalize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Path writeActual(String fileName, String json) {
        try {
            Files.createDirectories(ACTUAL_DIR);
            return Files.writeString(ACTUAL_DIR.resolve(fileName), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Line endings differ between checkouts; the JSON does not. */
    private static String normalize(String json) {
        return json.replace("\r\n", "\n").strip() + "\n";
    }
}
