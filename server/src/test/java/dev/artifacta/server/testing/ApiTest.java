package dev.artifacta.server.testing;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the HTTP tests: a server on a random port over a fresh PostgreSQL database per class.
 * Subclasses carry {@code @MicronautTest(transactional = false)} (tests must see commits) and may
 * add properties through {@link #extraProperties()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTest implements TestPropertyProvider {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    @Inject
    @Client("/")
    protected HttpClient httpClient;

    protected Api api;

    @BeforeAll
    void connect() {
        api = new Api(httpClient);
    }

    @Override
    public Map<String, String> getProperties() {
        var properties = serverProperties();
        properties.putAll(extraProperties());
        return properties;
    }

    /** The properties of a test server on a fresh PostgreSQL database, for tests that start servers themselves. */
    public static Map<String, String> serverProperties() {
        var properties = new HashMap<>(TestDatabase.freshPostgres());
        properties.put("artifacta.admin.token", ADMIN_TOKEN);
        properties.put("micronaut.server.port", "-1");
        // The client's 10 s default is shorter than a 25 MiB version takes on a busy 2-core machine.
        properties.put("micronaut.http.client.read-timeout", "60s");
        // Tests present many invalid keys from one address on purpose; AuthenticationThrottleIT sets the limit low.
        properties.put("artifacta.auth.failure-limit.max-failures", "100000");
        // Tests sign up many tenants from one address; SignupLimitsIT sets the limit low.
        properties.put("artifacta.signup.rate-limit.max-signups", "100000");
        // The purge runs when a test calls it, not on a schedule.
        properties.put("artifacta.audit.purge.initial-delay", "1h");
        // Every test class keeps a server alive; small pools keep PostgreSQL's 100 connections enough.
        properties.put("datasources.default.maximum-pool-size", "6");
        properties.put("datasources.default.minimum-idle", "1");
        // A pool that small, on a busy machine, may keep a request waiting for a connection longer
        // than the server's 3 s before it answers 503; the tests wait as long as Hikari's default.
        properties.put("datasources.default.connection-timeout", "30000");
        return properties;
    }

    protected Map<String, String> extraProperties() {
        return Map.of();
    }
}
