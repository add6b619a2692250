package dev.artifacta.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.RawHttp;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code If-Match} guards every change of an artifact (a stale ETag is 412 and changes nothing),
 * and {@code If-None-Match} spares a client a body it already has (304), on every GET that answers
 * an {@code ETag}.
 */
@MicronautTest(transactional = false)
class ConditionalRequestsIT extends ApiTest {

    @Inject
    EmbeddedServer server;

    private static final String ACCESS = "{\"publicView\":false,\"publicEdit\":false,\"viewerEmails\":[]}";

    @Test
    void givenAStaleIfMatch_whenAccessIsUpdated_thenPreconditionFailed_andTheSettingsStay() {
        Tenant tenant = proTenant("stale-access");
        String id = create(tenant);

        ApiResponse stale = send(HttpRequest.PUT("/v1/artifacts/" + id + "/access", ACCESS), tenant.key(), "\"99\"");

        assertPreconditionFailed(stale);
        assertThat(api.get("/v1/artifacts/" + id + "/access", tenant.key())
                        .json()
                        .get("publicView")
                        .asBoolean())
                .isTrue();
        assertThat(api.get("/v1/artifacts/" + id, null).status())
                .as("still public")
                .isEqualTo(200);
        assertThat(api.get("/v1/audit-events?action=artifact.access_updated", tenant.key())
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void givenTheHeadsETag_whenAccessIsUpdated_thenOk() {
        Tenant tenant = proTenant("fresh-access");
        String id = create(tenant);
        String etag = api.get("/v1/artifacts/" + id, tenant.key()).header("ETag");

        ApiResponse updated = send(HttpRequest.PUT("/v1/artifacts/" + id + "/access", ACCESS), tenant.key(), etag);

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("publicView").asBoolean()).isFalse();
    }

    @Test
    void givenAStaleIfMatch_whenDeleted_thenPreconditionFailed_andTheArtifactStays() {
        Tenant tenant = api.signUp("stale-delete");
        String id = create(tenant);
        api.post("/v1/artifacts/" + id + "/versions", tenant.key(), "{\"content\":\"v2\"}");

        for (String stale : List.of("\"99\"", "\"1\"", "W/\"1\"")) {
            ApiResponse refused = send(HttpRequest.DELETE("/v1/artifacts/" + id), tenant.key(), stale);

            assertPreconditionFailed(refused);
        }
        assertThat(api.get("/v1/artifacts/" + id, tenant.key()).status()).isEqualTo(200);
        assertThat(api.get("/v1/audit-events?action=artifact.deleted", tenant.key())
                        .json()
                        .get("items"))
                .isEmpty();

        ApiResponse deleted = send(HttpRequest.DELETE("/v1/artifacts/" + id), tenant.key(), "\"2\"");

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(api.get("/v1/artifacts/" + id, tenant.key()).status()).isEqualTo(404);
    }

    @Test
    void givenAMalformedIfMatch_whenDeletedOrAccessIsUpdated_thenBadRequest_andNothingChanges() {
        Tenant tenant = proTenant("malformed-match");
        String id = create(tenant);

        for (MutableHttpRequest<?> request : List.of(
                HttpRequest.DELETE("/v1/artifacts/" + id),
                HttpRequest.PUT("/v1/artifacts/" + id + "/access", ACCESS))) {
            ApiResponse refused = send(request, tenant.key(), "\"latest\"");

            assertThat(refused.status()).as(request.getPath()).isEqualTo(400);
            assertThat(refused.json().get("type").asText()).endsWith("/invalid-if-match");
        }
        assertThat(api.get("/v1/artifacts/" + id, null).status()).isEqualTo(200);
    }

    @Test
    void givenTheETagOfAnArtifact_whenReadWithIfNoneMatch_thenNotModified_withoutABody() {
        Tenant tenant = api.signUp("not-modified");
        String id = create(tenant);
        ApiResponse first = api.get("/v1/artifacts/" + id, tenant.key());
        String etag = first.header("ETag");
        assertThat(etag).isEqualTo("\"1\"");

        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"7\", " + etag, "*")) {
            ApiResponse again = send(HttpRequest.GET("/v1/artifacts/" + id), tenant.key(), null, ifNoneMatch);

            assertThat(again.status()).as(ifNoneMatch).isEqualTo(304);
            assertThat(again.body()).as(ifNoneMatch).isEmpty();
            assertThat(again.header("ETag")).as(ifNoneMatch).isEqualTo(etag);
        }
        api.post("/v1/artifacts/" + id + "/versions", tenant.key(), "{\"content\":\"v2\"}");
        ApiResponse changed = send(HttpRequest.GET("/v1/artifacts/" + id), tenant.key(), null, etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"2\"");
        assertThat(changed.json().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void givenTheETagOfContent_whenReadWithIfNoneMatch_thenNotModified_directlyAndThroughAShareLink() {
        Tenant tenant = proTenant("content-not-modified");
        String id = create(tenant);
        ApiResponse content = api.get("/v1/artifacts/" + id + "/content", tenant.key());
        String etag = content.header("ETag");
        assertThat(etag).isNotBlank();
        String token = api.post("/v1/artifacts/" + id + "/share-links", tenant.key(), "{\"role\":\"viewer\"}")
                .json()
                .get("token")
                .asText();

        for (String path : List.of(
                "/v1/artifacts/" + id + "/content",
                "/v1/artifacts/" + id + "/content?version=1",
                "/v1/shared/" + token + "/content")) {
            String key = path.startsWith("/v1/shared/") ? null : tenant.key();
            ApiResponse again = send(HttpRequest.GET(path), key, null, etag);

            assertThat(again.status()).as(path).isEqualTo(304);
            assertThat(again.body()).as(path).isEmpty();
            assertThat(again.header("ETag")).as(path).isEqualTo(etag);
        }
        ApiResponse other = send(HttpRequest.GET("/v1/artifacts/" + id + "/content"), tenant.key(), null, "\"abc\"");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body()).isEqualTo("v1");
    }

    @Test
    void givenANotModifiedAnswer_onTheWire_thenItCarriesTheETag_andNothingThatDescribesABody() throws Exception {
        Tenant tenant = api.signUp("wire-not-modified");
        String id = api.post(
                        "/v1/artifacts",
                        tenant.key(),
                        "{\"title\":\"Named\",\"content\":\"# v1\",\"contentType\":\"text/markdown\","
                                + "\"fileName\":\"notes.md\"}")
                .json()
                .get("id")
                .asText();
        String etag = api.get("/v1/artifacts/" + id + "/content", tenant.key()).header("ETag");

        RawHttp.Response response = RawHttp.exchange(
                server.getPort(),
                "GET /v1/artifacts/" + id + "/content HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + tenant.key() + "\r\nIf-None-Match: " + etag + "\r\nConnection: close\r\n\r\n",
                Duration.ofSeconds(10));

        assertThat(response.status()).as(response.head()).isEqualTo(304);
        assertThat(response.header("ETag")).as(response.head()).isEqualTo(etag);
        assertThat(response.header("Content-Type")).as(response.head()).isNull();
        assertThat(response.header("Content-Disposition")).as(response.head()).isNull();
        assertThat(response.header("X-Request-Id")).as(response.head()).isNotBlank();
        assertThat(response.body()).isEmpty();
    }

    @Test
    void givenAnIfNoneMatch_whenTheReadIsRefused_thenTheRefusalStands() {
        Tenant tenant = proTenant("refused-not-modified");
        String id = create(tenant);
        api.put("/v1/artifacts/" + id + "/access", tenant.key(), ACCESS);

        ApiResponse anonymous = send(HttpRequest.GET("/v1/artifacts/" + id), null, null, "*");

        assertThat(anonymous.status()).isEqualTo(404);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
    }

    private String create(Tenant tenant) {
        ApiResponse created = api.post("/v1/artifacts", tenant.key(), "{\"title\":\"Guarded\",\"content\":\"v1\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Tenant proTenant(String prefix) {
        Tenant tenant = api.signUp(prefix);
        assertThat(api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}")
                        .status())
                .isEqualTo(200);
        return tenant;
    }

    private ApiResponse send(MutableHttpRequest<?> request, String key, String ifMatch) {
        return send(request, key, ifMatch, null);
    }

    private ApiResponse send(MutableHttpRequest<?> request, String key, String ifMatch, String ifNoneMatch) {
        if (request.getBody().isPresent()) {
            request.contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        if (key != null) {
            request.bearerAuth(key);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return api.send(request);
    }

    private static void assertPreconditionFailed(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(412);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).endsWith("/version-mismatch");
        assertThat(response.json().get("detail").asText()).isNotBlank();
    }
}
