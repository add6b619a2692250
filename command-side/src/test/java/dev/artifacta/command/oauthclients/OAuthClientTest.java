package dev.artifacta.command.oauthclients;

import static dev.artifacta.command.shared.RejectionMatcher.rejection;

import dev.artifacta.command.apikeys.SecretDigest;
import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.events.OAuthClientDisabled;
import dev.artifacta.events.OAuthClientRegistered;
import dev.artifacta.events.OAuthClientSecretRotated;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthClientTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String TENANT = "tenant-acme";
    private static final String CLIENT_ID = "client-0001";
    private static final KeyIdentity OWNER = KeyIdentity.user("owner@acme.test");
    private static final SecretDigest SECRET = new SecretDigest("cs_live_Ab3x", "9f2Q", "a".repeat(64));
    private static final SecretDigest NEW_SECRET = new SecretDigest("cs_live_Zy9w", "k3P1", "b".repeat(64));

    private AggregateTestFixture<OAuthClient> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OAuthClient.class);
    }

    private static OAuthClientRegistered registered() {
        return new OAuthClientRegistered(
                TENANT,
                CLIENT_ID,
                "Claude",
                List.of("artifacts:read", "audit:read"),
                List.of("client_credentials"),
                List.of(),
                SECRET.prefix(),
                SECRET.last4(),
                SECRET.sha256(),
                OWNER,
                NOW);
    }

    private static RegisterOAuthClient register(List<String> scopes, List<String> grants, List<String> redirects) {
        return new RegisterOAuthClient(CLIENT_ID, TENANT, "Claude", scopes, grants, redirects, SECRET, OWNER, NOW);
    }

    @Test
    void givenNothing_whenAConfidentialClientIsRegistered_thenItsScopesAreSortedAndOnlyTheDigestIsKept() {
        fixture.givenNoPriorActivity()
                .when(register(List.of("audit:read", "artifacts:read"), List.of("client_credentials"), List.of()))
                .expectEvents(registered());
    }

    @Test
    void givenNothing_whenAClientAsksForAnUnknownScope_thenRejected() {
        fixture.givenNoPriorActivity()
                .when(register(List.of("artifacts:everything"), List.of("client_credentials"), List.of()))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "unknown-scope"));
    }

    @Test
    void givenNothing_whenAPublicClientAsksForClientCredentials_thenRejected() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOAuthClient(
                        CLIENT_ID,
                        TENANT,
                        "Claude",
                        List.of("artifacts:read"),
                        List.of("client_credentials"),
                        List.of(),
                        null,
                        OWNER,
                        NOW))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-grant-types"));
    }

    @Test
    void givenNothing_whenAnInteractiveClientHasAnHttpRedirectOffLoopback_thenRejected() {
        fixture.givenNoPriorActivity()
                .when(register(
                        List.of("artifacts:read"), List.of("authorization_code"), List.of("http://app.example/cb")))
                .expectNoEvents()
                .expectException(rejection(InvalidRequest.class, "invalid-redirect-uris"));
    }

    @Test
    void givenClient_whenItsSecretIsRotated_thenTheNewDigestReplacesTheOld() {
        fixture.given(registered())
                .when(new RotateOAuthClientSecret(CLIENT_ID, TENANT, NEW_SECRET, NOW))
                .expectEvents(new OAuthClientSecretRotated(
                        TENANT,
                        CLIENT_ID,
                        "Claude",
                        NEW_SECRET.prefix(),
                        NEW_SECRET.last4(),
                        NEW_SECRET.sha256(),
                        NOW));
    }

    @Test
    void givenDisabledClient_whenDisabledAgain_thenNothingHappens_andItsSecretCannotBeRotated() {
        fixture.given(registered(), new OAuthClientDisabled(TENANT, CLIENT_ID, "Claude", NOW))
                .when(new DisableOAuthClient(CLIENT_ID, TENANT, NOW))
                .expectNoEvents();
        fixture.given(registered(), new OAuthClientDisabled(TENANT, CLIENT_ID, "Claude", NOW))
                .when(new RotateOAuthClientSecret(CLIENT_ID, TENANT, NEW_SECRET, NOW))
                .expectNoEvents()
                .expectException(rejection(OAuthClientDisabledAlready.class, "oauth-client-disabled"));
    }

    @Test
    void givenClient_whenAnotherTenantDisablesIt_thenNotFound() {
        fixture.given(registered())
                .when(new DisableOAuthClient(CLIENT_ID, "tenant-other", NOW))
                .expectNoEvents()
                .expectException(rejection(OAuthClientNotFound.class, "oauth-client-not-found"));
    }
}
