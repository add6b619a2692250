package dev.artifacta.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.command.apikeys.infrastructure.Credential;
import dev.artifacta.events.KeyIdentity;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {

    private final CredentialCache cache = new CredentialCache();

    private static Credential keyOf(String keyId, String tenantId) {
        return new Credential(
                keyId,
                "ci",
                "ak_live_ab",
                "wxyz",
                Set.of("artifacts:read"),
                KeyIdentity.user("owner@acme.test"),
                null,
                null,
                tenantId,
                "acme",
                "free",
                "owner",
                "Owner",
                null);
    }

    private void given(String hash, Credential credential) {
        cache.put(hash, credential, ApiKeyAuthenticationFetcher.principalOf(credential), cache.generation());
    }

    @Test
    void givenAnOffCache_whenAKeyIsKept_thenNothingIsFound() {
        given("h1", keyOf("k1", "t1"));

        assertThat(cache.find("h1")).isEmpty();
    }

    @Test
    void givenAnOnCache_whenAKeyIsKept_thenItIsFoundByItsHash() {
        cache.enable(true);

        given("h1", keyOf("k1", "t1"));

        assertThat(cache.find("h1"))
                .hasValueSatisfying(
                        entry -> assertThat(entry.principal().keyId()).isEqualTo("k1"));
    }

    @Test
    void givenKeysOfTwoTenants_whenOneTenantChanges_thenOnlyItsKeysAreDropped() {
        cache.enable(true);
        given("h1", keyOf("k1", "t1"));
        given("h2", keyOf("k2", "t2"));

        cache.invalidateTenant("t1");

        assertThat(cache.find("h1")).isEmpty();
        assertThat(cache.find("h2")).isPresent();
    }

    @Test
    void givenALookupThatStartedBeforeAChange_whenItsResultArrivesAfterIt_thenItIsNotKept() {
        cache.enable(true);
        long startedAt = cache.generation();
        Credential readBeforeTheChange = keyOf("k1", "t1");

        cache.invalidateTenant("t1");
        cache.put("h1", readBeforeTheChange, ApiKeyAuthenticationFetcher.principalOf(readBeforeTheChange), startedAt);

        assertThat(cache.find("h1")).isEmpty();
    }

    @Test
    void givenACachedKey_whenTheCacheIsTurnedOffAndOnAgain_thenItStartsEmpty() {
        cache.enable(true);
        given("h1", keyOf("k1", "t1"));

        cache.enable(false);
        cache.enable(true);

        assertThat(cache.find("h1")).isEmpty();
    }

    @Test
    void givenACachedKey_whenEveryTenantChanges_thenItIsDropped() {
        cache.enable(true);
        given("h1", keyOf("k1", "t1"));

        cache.invalidateAll();

        assertThat(cache.size()).isZero();
    }
}
