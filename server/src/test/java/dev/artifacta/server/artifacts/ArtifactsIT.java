package dev.artifacta.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ArtifactsIT extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN_ID = "00000000-0000-0000-0000-000000000000";

    @Inject
    DataSource dataSource;

    private Tables tables;

    @BeforeAll
    void tables() {
        tables = new Tables(dataSource);
    }

    @Test
    void givenTextContent_whenArtifactIsCreated_thenVersionOneWithLocationETagAndHash() {
        Tenant tenant = api.signUp("create");
        String text = "# Release 1.0\n\nFirst cut.\n";

        ApiResponse created = api.post(
                "/v1/artifacts",
                tenant.key(),
                json(
                        "project",
                        "default",
                        "title",
                        "Release notes",
                        "content",
                        text,
                        "contentType",
                        "text/markdown",
                        "fileName",
                        "notes.md"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        JsonNode body = created.json();
        String id = body.get("id").asText();
        assertThat(id).matches("^[0-9a-f-]{36}$");
        assertThat(created.header("Location")).isEqualTo("/v1/artifacts/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(body.get("project").asText()).isEqualTo("default");
        assertThat(body.get("title").asText()).isEqualTo("Release notes");
        assertThat(body.get("contentType").asText()).isEqualTo("text/markdown");
        assertThat(body.get("fileName").asText()).isEqualTo("notes.md");
        assertThat(body.get("size").asLong()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(body.get("sha256").asText()).isEqualTo(sha256(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(body.get("createdBy").asText()).isEqualTo("API Key: Default key");
        assertThat(body.get("publicView").asBoolean()).isTrue();
    }

    @Test
    void givenTextWithoutContentType_whenCreated_thenItIsStoredAsUtf8PlainText() {
        Tenant tenant = api.signUp("plain");
        String text = "Grüße, 世界\n";

        String id = createText(tenant, "Greetings", text);

        Content content = content("/v1/artifacts/" + id + "/content", tenant.key());
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.contentType()).startsWith("text/plain").containsIgnoringCase("charset=utf-8");
        assertThat(content.bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenBinaryContent_whenCreatedFromBase64_thenTheExactBytesComeBackWithTheStoredType() {
        Tenant tenant = api.signUp("binary");
        byte[] bytes = randomBytes(3_000, 7);

        ApiResponse created = api.post(
                "/v1/artifacts",
                tenant.key(),
                json(
                        "title",
                        "Screenshot",
                        "contentBase64",
                        Base64.getEncoder().encodeToString(bytes),
                        "contentType",
                        "image/png",
                        "fileName",
                        "shot.png"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.get("size").asLong()).isEqualTo(3_000);
        assertThat(body.get("sha256").asText()).isEqualTo(sha256(bytes));
        assertThat(body.get("contentType").asText()).isEqualTo("image/png");
        Content content = content("/v1/artifacts/" + body.get("id").asText() + "/content", tenant.key());
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.contentType()).isEqualTo("image/png");
        assertThat(content.bytes()).isEqualTo(bytes);
        assertThat(content.headers().get("X-Artifact-Version")).isEqualTo("1");
        assertThat(content.headers().get(HttpHeaders.CONTENT_DISPOSITION)).contains("shot.png");
    }

    @Test
    void givenBase64WithoutContentType_whenCreated_thenItIsOctetStream() {
        Tenant tenant = api.signUp("octet");
        byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0xfe};

        ApiResponse created = api.post(
                "/v1/artifacts",
                tenant.key(),
                json("title", "Blob", "contentBase64", Base64.getEncoder().encodeToString(bytes)));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("contentType").asText()).isEqualTo("application/octet-stream");
        Content content = content("/v1/artifacts/" + created.json().get("id").asText() + "/content", tenant.key());
        assertThat(content.contentType()).isEqualTo("application/octet-stream");
        assertThat(content.bytes()).isEqualTo(bytes);
    }

    @Test
    void givenNoneOrBothContentFields_whenCreatedOrAppended_thenInvalidContent_andNothingIsWritten() {
        Tenant tenant = api.signUp("onecontent");
        String id = createText(tenant, "Kept", "v1");

        for (String body : List.of(
                json("title", "Neither"),
                json("title", "Both", "content", "x", "contentBase64", "eA=="),
                "{\"title\":\"Nulls\",\"content\":null,\"contentBase64\":null}")) {
            ApiResponse response = api.post("/v1/artifacts", tenant.key(), body);
            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.contentType()).as(body).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).as(body).endsWith("/invalid-content");
        }
        for (String body : List.of("{}", json("content", "x", "contentBase64", "eA=="))) {
            ApiResponse response = api.post("/v1/artifacts/" + id + "/versions", tenant.key(), body);
            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.json().get("type").asText()).as(body).endsWith("/invalid-content");
        }

        assertThat(ids(api.get("/v1/artifacts?project=default", tenant.key()))).containsExactly(id);
        assertThat(versionNumbers(id, tenant.key())).containsExactly(1L);
    }

    @Test
    void givenInvalidBase64_whenCreatedOrAppended_thenBadRequest_andNothingIsWritten() {
        Tenant tenant = api.signUp("badbase64");
        String id = createText(tenant, "Kept", "v1");

        ApiResponse created =
                api.post("/v1/artifacts", tenant.key(), json("title", "Broken", "contentBase64", "not base64!!"));
        ApiResponse appended =
                api.post("/v1/artifacts/" + id + "/versions", tenant.key(), json("contentBase64", "@@@"));

        for (ApiResponse response : List.of(created, appended)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).endsWith("/invalid-base64");
        }
        assertThat(ids(api.get("/v1/artifacts?project=default", tenant.key()))).containsExactly(id);
        assertThat(versionNumbers(id, tenant.key())).containsExactly(1L);
    }

    @Test
    void givenArtifact_whenRead_thenMetadataAndHeadWithETag() {
        Tenant tenant = api.signUp("read");
        String id = createText(tenant, "Readme", "hello");
        append(tenant, id, "hello, world");

        ApiResponse read = api.get("/v1/artifacts/" + id, tenant.key());

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"2\"");
        JsonNode body = read.json();
        assertThat(body.get("id").asText()).isEqualTo(id);
        assertThat(body.get("title").asText()).isEqualTo("Readme");
        assertThat(body.get("project").asText()).isEqualTo("default");
        assertThat(body.get("version").asLong()).isEqualTo(2);
        assertThat(body.get("sha256").asText()).isEqualTo(sha256("hello, world".getBytes(StandardCharsets.UTF_8)));
        assertThat(body.get("size").asLong()).isEqualTo(12);
        assertThat(body.get("createdAt").isNull()).isFalse();
        assertThat(body.get("updatedAt").isNull()).isFalse();
    }

    @Test
    void givenFiveArtifacts_whenListedTwoAtATime_thenEveryArtifactAppearsExactlyOnce() {
        Tenant tenant = api.signUp("pages");
        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            created.add(createText(tenant, "Artifact " + i, "content " + i));
        }
        api.post("/v1/projects", tenant.key(), "{\"slug\":\"elsewhere\",\"name\":\"Elsewhere\"}");
        String elsewhere = createIn(tenant, "elsewhere", "Not here");

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            ApiResponse page = api.get(
                    "/v1/artifacts?project=default&limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    tenant.key());
            assertThat(page.status()).isEqualTo(200);
            List<String> items = ids(page);
            pageSizes.add(items.size());
            seen.addAll(items);
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asText();
        } while (cursor != null && pageSizes.size() < 10);

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(seen).isSorted().doesNotContain(elsewhere);
    }

    @Test
    void givenDefaultProject_whenListedWithoutProject_thenDefaultIsListed() {
        Tenant tenant = api.signUp("nodefault");
        String id = createText(tenant, "One", "1");

        ApiResponse list = api.get("/v1/artifacts", tenant.key());

        assertThat(ids(list)).containsExactly(id);
        assertThat(list.json().get("nextCursor").isNull()).isTrue();
        JsonNode item = list.json().get("items").get(0);
        assertThat(item.get("title").asText()).isEqualTo("One");
        assertThat(item.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void givenBadCursorOrLimit_whenListing_thenBadRequest() {
        Tenant tenant = api.signUp("badcursor");
        createText(tenant, "One", "1");
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("h1:not-a-uuid".getBytes(StandardCharsets.UTF_8));

        for (String query : List.of("cursor=nonsense", "cursor=" + forged, "cursor=%25%25")) {
            ApiResponse response = api.get("/v1/artifacts?project=default&" + query, tenant.key());
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).as(query).endsWith("/invalid-cursor");
        }
        for (String query : List.of("limit=0", "limit=201", "limit=-1")) {
            ApiResponse response = api.get("/v1/artifacts?project=default&" + query, tenant.key());
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("type").asText()).as(query).endsWith("/invalid-limit");
        }
    }

    @Test
    void givenThreeVersions_whenListed_thenNewestFirst_andEachVersionsContentIsReadable() {
        Tenant tenant = api.signUp("versions");
        byte[] first = randomBytes(500, 1);
        byte[] second = randomBytes(700, 2);
        String id = createBinary(tenant, "Model", first, "application/octet-stream");
        appendBody(tenant, id, json("contentBase64", Base64.getEncoder().encodeToString(second)));
        appendBody(tenant, id, json("content", "third, as text", "contentType", "text/csv"));

        ApiResponse versions = api.get("/v1/artifacts/" + id + "/versions", tenant.key());

        assertThat(versions.status()).isEqualTo(200);
        List<JsonNode> items = items(versions);
        assertThat(items).extracting(v -> v.get("version").asLong()).containsExactly(3L, 2L, 1L);
        assertThat(items.get(2).get("sha256").asText()).isEqualTo(sha256(first));
        assertThat(items.get(1).get("size").asLong()).isEqualTo(700);
        assertThat(items.get(0).get("contentType").asText()).isEqualTo("text/csv");
        assertThat(items).allSatisfy(v -> {
            assertThat(v.get("restoredFrom").isNull()).isTrue();
            assertThat(v.get("createdBy").asText()).isEqualTo("API Key: Default key");
        });

        Content head = content("/v1/artifacts/" + id + "/content", tenant.key());
        assertThat(head.contentType()).isEqualTo("text/csv");
        assertThat(new String(head.bytes(), StandardCharsets.UTF_8)).isEqualTo("third, as text");
        assertThat(head.headers().get("X-Artifact-Version")).isEqualTo("3");
        Content v1 = content("/v1/artifacts/" + id + "/content?version=1", tenant.key());
        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.contentType()).isEqualTo("application/octet-stream");
        assertThat(v1.bytes()).isEqualTo(first);
        assertThat(content("/v1/artifacts/" + id + "/content?version=2", tenant.key())
                        .bytes())
                .isEqualTo(second);

        ApiResponse missing = api.get("/v1/artifacts/" + id + "/content?version=4", tenant.key());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asText()).endsWith("/version-not-found");
        assertThat(api.get("/v1/artifacts/" + id + "/content?version=0", tenant.key())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void givenArtifact_whenVersionIsAppended_thenCreatedWithTheNewVersionsETag_andItIsTheHead() {
        Tenant tenant = api.signUp("append");
        String id = createText(tenant, "Log", "line 1\n");

        ApiResponse appended = api.post(
                "/v1/artifacts/" + id + "/versions",
                tenant.key(),
                json("content", "line 1\nline 2\n", "contentType", "text/plain"));

        assertThat(appended.status()).isEqualTo(201);
        assertThat(appended.header("ETag")).isEqualTo("\"2\"");
        assertThat(appended.header("Location")).isEqualTo("/v1/artifacts/" + id + "/content?version=2");
        assertThat(appended.json().get("version").asLong()).isEqualTo(2);
        assertThat(appended.json().get("sha256").asText())
                .isEqualTo(sha256("line 1\nline 2\n".getBytes(StandardCharsets.UTF_8)));
        ApiResponse head = api.get("/v1/artifacts/" + id, tenant.key());
        assertThat(head.header("ETag")).isEqualTo("\"2\"");
        assertThat(head.json().get("version").asLong()).isEqualTo(2);
        assertThat(head.json().get("contentType").asText()).isEqualTo("text/plain");
        assertThat(versionNumbers(id, tenant.key())).containsExactly(2L, 1L);
    }

    @Test
    void givenAMarkdownFile_whenAVersionIsAppendedWithoutTypeOrName_thenItKeepsTheTypeAndTheFileName() {
        Tenant tenant = api.signUp("keeptype");
        ApiResponse created = api.post(
                "/v1/artifacts",
                tenant.key(),
                json("title", "Notes", "content", "# v1\n", "contentType", "text/markdown", "fileName", "notes.md"));
        String id = created.json().get("id").asText();

        ApiResponse appended = api.post("/v1/artifacts/" + id + "/versions", tenant.key(), json("content", "# v2\n"));

        assertThat(appended.status()).as(appended.body()).isEqualTo(201);
        assertThat(appended.json().get("contentType").asText()).isEqualTo("text/markdown");
        assertThat(appended.json().get("fileName").asText()).isEqualTo("notes.md");
        JsonNode head = api.get("/v1/artifacts/" + id, tenant.key()).json();
        assertThat(head.get("contentType").asText()).isEqualTo("text/markdown");
        assertThat(head.get("fileName").asText()).isEqualTo("notes.md");
        JsonNode listed = items(api.get("/v1/artifacts/" + id + "/versions", tenant.key()))
                .getFirst();
        assertThat(listed.get("contentType").asText()).isEqualTo("text/markdown");
        assertThat(listed.get("fileName").asText()).isEqualTo("notes.md");
        Content content = content("/v1/artifacts/" + id + "/content", tenant.key());
        assertThat(content.contentType()).isEqualTo("text/markdown");
        assertThat(content.headers().get(HttpHeaders.CONTENT_DISPOSITION)).contains("notes.md");
        assertThat(new String(content.bytes(), StandardCharsets.UTF_8)).isEqualTo("# v2\n");
    }

    @Test
    void givenAnAppendNamingOnlyOneOfTypeAndName_thenTheOtherIsKept_andBytesKeepTheirType() {
        Tenant tenant = api.signUp("keepone");
        String id = createBinary(tenant, "Logo", randomBytes(64, 3), "image/png");
        appendBody(
                tenant,
                id,
                json("contentBase64", Base64.getEncoder().encodeToString(randomBytes(64, 4)), "fileName", "logo.png"));
        appendBody(tenant, id, json("contentBase64", Base64.getEncoder().encodeToString(randomBytes(64, 5))));
        appendBody(
                tenant,
                id,
                json(
                        "contentBase64",
                        Base64.getEncoder().encodeToString(randomBytes(64, 6)),
                        "contentType",
                        "image/webp"));

        List<JsonNode> versions = items(api.get("/v1/artifacts/" + id + "/versions", tenant.key()));

        assertThat(versions)
                .extracting(v -> v.get("contentType").asText())
                .containsExactly("image/webp", "image/png", "image/png", "image/png");
        assertThat(versions)
                .extracting(v ->
                        v.get("fileName").isNull() ? null : v.get("fileName").asText())
                .containsExactly("logo.png", "logo.png", "logo.png", null);
    }

    @Test
    void givenIfMatchOfTheHead_whenAppended_thenCreated_butAStaleIfMatchIsRefusedAndWritesNothing() {
        Tenant tenant = api.signUp("ifmatch");
        String id = createText(tenant, "Guarded", "v1");

        ApiResponse matching = appendIfMatch(tenant, id, json("content", "v2"), "\"1\"");
        assertThat(matching.status()).isEqualTo(201);
        assertThat(matching.header("ETag")).isEqualTo("\"2\"");

        ApiResponse stale = appendIfMatch(tenant, id, json("content", "stale write"), "\"1\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.json().get("type").asText()).endsWith("/version-mismatch");
        assertThat(stale.json().get("expectedVersion").asLong()).isEqualTo(1);
        assertThat(stale.json().get("headVersion").asLong()).isEqualTo(2);
        assertThat(versionNumbers(id, tenant.key())).containsExactly(2L, 1L);
        assertThat(api.get("/v1/artifacts/" + id, tenant.key())
                        .json()
                        .get("sha256")
                        .asText())
                .isEqualTo(sha256("v2".getBytes(StandardCharsets.UTF_8)));
        assertThat(auditActions(tenant, "artifact.version_appended")).hasSize(1);

        assertThat(appendIfMatch(tenant, id, json("content", "v3"), "W/\"2\"").status())
                .isEqualTo(201);
        assertThat(appendIfMatch(tenant, id, json("content", "v4"), "*").status())
                .isEqualTo(201);
        assertThat(versionNumbers(id, tenant.key())).containsExactly(4L, 3L, 2L, 1L);
    }

    @Test
    void givenMalformedIfMatch_whenAppended_thenBadRequest_andNothingIsWritten() {
        Tenant tenant = api.signUp("badifmatch");
        String id = createText(tenant, "Guarded", "v1");

        for (String ifMatch : List.of("\"one\"", "abc", "\"1.5\"")) {
            ApiResponse response = appendIfMatch(tenant, id, json("content", "v2"), ifMatch);
            assertThat(response.status()).as(ifMatch).isEqualTo(400);
            assertThat(response.json().get("type").asText()).as(ifMatch).endsWith("/invalid-if-match");
        }
        assertThat(versionNumbers(id, tenant.key())).containsExactly(1L);
    }

    @Test
    void givenSixteenClients_whenTheyAppendToOneArtifactAtOnce_thenSixteenDistinctConsecutiveVersions()
            throws Exception {
        Tenant tenant = api.signUp("parallel");
        String id = createText(tenant, "Hot", "v1");
        int clients = 16;
        var start = new CountDownLatch(1);
        List<Callable<ApiResponse>> appends = IntStream.range(0, clients)
                .<Callable<ApiResponse>>mapToObj(i -> () -> {
                    start.await();
                    return api.post("/v1/artifacts/" + id + "/versions", tenant.key(), json("content", "client " + i));
                })
                .toList();

        List<ApiResponse> responses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(clients)) {
            var futures = appends.stream().map(pool::submit).toList();
            start.countDown();
            for (var future : futures) {
                responses.add(future.get());
            }
        }

        assertThat(responses).extracting(ApiResponse::status).containsOnly(201);
        assertThat(responses)
                .extracting(r -> r.json().get("version").asLong())
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(2, 17).boxed().toList());
        assertThat(responses)
                .extracting(r -> r.header("ETag"))
                .doesNotHaveDuplicates()
                .allSatisfy(etag -> assertThat(etag).matches("^\"\\d+\"$"));
        assertThat(versionNumbers(id, tenant.key()))
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 17).map(v -> 18 - v).boxed().toList());
        assertThat(api.get("/v1/artifacts/" + id, tenant.key())
                        .json()
                        .get("version")
                        .asLong())
                .isEqualTo(17);
        // Every client's content landed in exactly one version.
        List<String> hashes = items(api.get("/v1/artifacts/" + id + "/versions", tenant.key())).stream()
                .filter(v -> v.get("version").asLong() > 1)
                .map(v -> v.get("sha256").asText())
                .toList();
        assertThat(hashes)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, clients)
                        .mapToObj(i -> sha256(("client " + i).getBytes(StandardCharsets.UTF_8)))
                        .toList());
    }

    @Test
    void givenTwoVersions_whenVersionOneIsRestored_thenANewHeadWithItsContentNamesTheSource() {
        Tenant tenant = api.signUp("restore");
        String id = createText(tenant, "Config", "timeout=5\n");
        append(tenant, id, "timeout=50\n");

        ApiResponse restored = api.post("/v1/artifacts/" + id + "/restore", tenant.key(), "{\"version\":1}");

        assertThat(restored.status()).isEqualTo(201);
        assertThat(restored.header("ETag")).isEqualTo("\"3\"");
        assertThat(restored.header("Location")).isEqualTo("/v1/artifacts/" + id + "/content?version=3");
        JsonNode body = restored.json();
        assertThat(body.get("version").asLong()).isEqualTo(3);
        assertThat(body.get("restoredFrom").asLong()).isEqualTo(1);
        String v1Hash = sha256("timeout=5\n".getBytes(StandardCharsets.UTF_8));
        assertThat(body.get("sha256").asText()).isEqualTo(v1Hash);
        JsonNode head = api.get("/v1/artifacts/" + id, tenant.key()).json();
        assertThat(head.get("version").asLong()).isEqualTo(3);
        assertThat(head.get("sha256").asText()).isEqualTo(v1Hash);
        List<JsonNode> versions = items(api.get("/v1/artifacts/" + id + "/versions", tenant.key()));
        assertThat(versions).extracting(v -> v.get("version").asLong()).containsExactly(3L, 2L, 1L);
        assertThat(versions.getFirst().get("restoredFrom").asLong()).isEqualTo(1);
        assertThat(new String(
                        content("/v1/artifacts/" + id + "/content", tenant.key())
                                .bytes(),
                        StandardCharsets.UTF_8))
                .isEqualTo("timeout=5\n");
    }

    @Test
    void givenRestoreOfTheHeadOrOfAnUnknownVersion_whenRequested_thenRefused_andNothingIsWritten() {
        Tenant tenant = api.signUp("badrestore");
        String id = createText(tenant, "Config", "a");
        append(tenant, id, "b");

        ApiResponse ofHead = api.post("/v1/artifacts/" + id + "/restore", tenant.key(), "{\"version\":2}");
        assertThat(ofHead.status()).isEqualTo(422);
        assertThat(ofHead.json().get("type").asText()).endsWith("/restore-of-head");

        ApiResponse unknown = api.post("/v1/artifacts/" + id + "/restore", tenant.key(), "{\"version\":9}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asText()).endsWith("/version-not-found");

        for (String body : List.of("{\"version\":0}", "{}")) {
            ApiResponse invalid = api.post("/v1/artifacts/" + id + "/restore", tenant.key(), body);
            assertThat(invalid.status()).as(body).isEqualTo(422);
            assertThat(invalid.json().get("type").asText()).as(body).endsWith("/invalid-request");
        }
        for (String body : List.of("{\"version\":\"one\"}", "{\"version\":1,\"force\":true}", "{\"version\":")) {
            ApiResponse malformed = api.post("/v1/artifacts/" + id + "/restore", tenant.key(), body);
            assertThat(malformed.status()).as(body).isEqualTo(400);
        }

        ApiResponse stale = send(
                HttpRequest.POST("/v1/artifacts/" + id + "/restore", "{\"version\":1}")
                        .header(HttpHeaders.IF_MATCH, "\"1\""),
                tenant.key());
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("type").asText()).endsWith("/version-mismatch");

        assertThat(versionNumbers(id, tenant.key())).containsExactly(2L, 1L);
        assertThat(auditActions(tenant, "artifact.restored")).isEmpty();
    }

    @Test
    void givenTwoTextVersions_whenDiffed_thenAUnifiedDiffShowsTheChangedLines() {
        Tenant tenant = api.signUp("diff");
        String id = createText(tenant, "Poem", "alpha\nbeta\ngamma\n");
        append(tenant, id, "alpha\nBETA\ngamma\ndelta\n");

        ApiResponse diff = api.get("/v1/artifacts/" + id + "/diff?from=1&to=2", tenant.key());

        assertThat(diff.status()).isEqualTo(200);
        JsonNode body = diff.json();
        assertThat(body.get("from").asLong()).isEqualTo(1);
        assertThat(body.get("to").asLong()).isEqualTo(2);
        assertThat(body.get("text").asBoolean()).isTrue();
        assertThat(body.get("identical").asBoolean()).isFalse();
        List<String> lines = body.get("unified").asText().lines().toList();
        assertThat(lines).contains("-beta", "+BETA", "+delta", " alpha", " gamma");
        assertThat(lines).doesNotContain("-alpha", "+alpha", "-gamma", "+gamma");
        assertThat(lines.get(0)).startsWith("--- ").contains("v1");
        assertThat(lines.get(1)).startsWith("+++ ").contains("v2");
        assertThat(body.at("/fromVersion/version").asLong()).isEqualTo(1);
        assertThat(body.at("/toVersion/version").asLong()).isEqualTo(2);

        JsonNode same = api.get("/v1/artifacts/" + id + "/diff?from=2&to=2", tenant.key())
                .json();
        assertThat(same.get("text").asBoolean()).isTrue();
        assertThat(same.get("identical").asBoolean()).isTrue();
        assertThat(same.get("unified").asText()).doesNotContain("-beta", "+BETA");
    }

    @Test
    void givenBinaryVersions_whenDiffed_thenASummaryWithSizesAndHashes() {
        Tenant tenant = api.signUp("bindiff");
        byte[] first = randomBytes(1_000, 11);
        byte[] second = randomBytes(1_200, 12);
        String id = createBinary(tenant, "Firmware", first, "application/octet-stream");
        appendBody(tenant, id, json("contentBase64", Base64.getEncoder().encodeToString(second)));
        appendBody(tenant, id, json("contentBase64", Base64.getEncoder().encodeToString(first)));

        JsonNode differ = api.get("/v1/artifacts/" + id + "/diff?from=1&to=2", tenant.key())
                .json();

        assertThat(differ.get("text").asBoolean()).isFalse();
        assertThat(differ.get("identical").asBoolean()).isFalse();
        assertThat(differ.get("unified").isNull()).isTrue();
        assertThat(differ.at("/fromVersion/size").asLong()).isEqualTo(1_000);
        assertThat(differ.at("/fromVersion/sha256").asText()).isEqualTo(sha256(first));
        assertThat(differ.at("/toVersion/size").asLong()).isEqualTo(1_200);
        assertThat(differ.at("/toVersion/sha256").asText()).isEqualTo(sha256(second));
        assertThat(differ.at("/toVersion/contentType").asText()).isEqualTo("application/octet-stream");

        JsonNode same = api.get("/v1/artifacts/" + id + "/diff?from=1&to=3", tenant.key())
                .json();
        assertThat(same.get("text").asBoolean()).isFalse();
        assertThat(same.get("identical").asBoolean()).isTrue();
        assertThat(same.at("/fromVersion/sha256").asText())
                .isEqualTo(same.at("/toVersion/sha256").asText());
    }

    @Test
    void givenUnknownOrMissingVersions_whenDiffed_thenNotFoundOrBadRequest() {
        Tenant tenant = api.signUp("diffmissing");
        String id = createText(tenant, "Poem", "a");
        append(tenant, id, "b");

        for (String query : List.of("from=1&to=3", "from=7&to=2", "from=0&to=1")) {
            ApiResponse response = api.get("/v1/artifacts/" + id + "/diff?" + query, tenant.key());
            assertThat(response.status()).as(query).isEqualTo(404);
            assertThat(response.json().get("type").asText()).as(query).endsWith("/version-not-found");
        }
        for (String query : List.of("from=1", "from=one&to=2", "")) {
            assertThat(api.get("/v1/artifacts/" + id + "/diff?" + query, tenant.key())
                            .status())
                    .as(query)
                    .isEqualTo(400);
        }
    }

    @Test
    void givenArtifact_whenDeleted_thenItIsGoneFromReadsAndLists_butStaysInTheAuditTrail() {
        Tenant tenant = api.signUp("delete");
        String kept = createText(tenant, "Kept", "k");
        String id = createText(tenant, "Doomed", "d1");
        append(tenant, id, "d2");

        ApiResponse deleted = api.delete("/v1/artifacts/" + id, tenant.key());

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        for (ApiResponse response : List.of(
                api.get("/v1/artifacts/" + id, tenant.key()),
                api.get("/v1/artifacts/" + id + "/versions", tenant.key()),
                api.get("/v1/artifacts/" + id + "/content", tenant.key()),
                api.get("/v1/artifacts/" + id + "/content?version=1", tenant.key()),
                api.get("/v1/artifacts/" + id + "/diff?from=1&to=2", tenant.key()),
                api.post("/v1/artifacts/" + id + "/versions", tenant.key(), json("content", "d3")),
                api.post("/v1/artifacts/" + id + "/restore", tenant.key(), "{\"version\":1}"),
                api.delete("/v1/artifacts/" + id, tenant.key()))) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.json().get("type").asText()).endsWith("/artifact-not-found");
        }
        assertThat(ids(api.get("/v1/artifacts?project=default", tenant.key()))).containsExactly(kept);
        List<JsonNode> audit = auditActions(tenant, "artifact.deleted");
        assertThat(audit).extracting(e -> e.at("/resource/id").asText()).containsExactly(id);
        assertThat(audit.getFirst().at("/resource/type").asText()).isEqualTo("artifact");
        assertThat(tables.rows("SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = '" + id
                        + "' ORDER BY sequence_number"))
                .hasSize(3);
    }

    @Test
    void unknownOrMalformedArtifactIdsAreNotFound() {
        Tenant tenant = api.signUp("unknown");

        for (String id : List.of(UNKNOWN_ID, "not-a-uuid", "%27%20OR%201%3D1")) {
            for (ApiResponse response : List.of(
                    api.get("/v1/artifacts/" + id, tenant.key()),
                    api.get("/v1/artifacts/" + id + "/versions", tenant.key()),
                    api.get("/v1/artifacts/" + id + "/content", tenant.key()),
                    api.get("/v1/artifacts/" + id + "/diff?from=1&to=2", tenant.key()),
                    api.post("/v1/artifacts/" + id + "/versions", tenant.key(), json("content", "x")),
                    api.post("/v1/artifacts/" + id + "/restore", tenant.key(), "{\"version\":1}"),
                    api.delete("/v1/artifacts/" + id, tenant.key()))) {
                assertThat(response.status()).as(id + " " + response.body()).isEqualTo(404);
                assertThat(response.contentType()).as(id).startsWith("application/problem+json");
                assertThat(response.json().get("type").asText()).as(id).endsWith("/artifact-not-found");
            }
        }
    }

    @Test
    void givenTenMebibyteVersion_whenCreated_thenTheEventTableGrowsByAFewHundredBytes() {
        Tenant tenant = api.signUp("large");
        byte[] bytes = randomBytes(10 * 1024 * 1024, 42);

        ApiResponse created = api.post(
                "/v1/artifacts",
                tenant.key(),
                json("title", "Dataset", "contentBase64", Base64.getEncoder().encodeToString(bytes)));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        String hash = sha256(bytes);
        assertThat(created.json().get("sha256").asText()).isEqualTo(hash);
        assertThat(created.json().get("size").asLong()).isEqualTo(bytes.length);
        List<Map<String, Object>> events = tables.rows(
                "SELECT octet_length(payload) + octet_length(meta_data) AS bytes, convert_from(payload, 'UTF8') AS json"
                        + " FROM domain_event_entry WHERE aggregate_identifier = '" + id + "'");
        assertThat(events).hasSize(1);
        assertThat(((Number) events.getFirst().get("bytes")).longValue()).isLessThan(2_000);
        assertThat(events.getFirst().get("json").toString()).contains(hash);
        List<Map<String, Object>> newest = tables.rows("SELECT aggregate_identifier,"
                + " octet_length(payload) + octet_length(meta_data) AS bytes"
                + " FROM domain_event_entry ORDER BY global_index DESC LIMIT 1");
        assertThat(newest.getFirst().get("aggregate_identifier")).isEqualTo(id);
        assertThat(((Number) newest.getFirst().get("bytes")).longValue()).isLessThan(2_000);
        assertThat(tables.rows("SELECT size FROM content_blob WHERE tenant_id = '" + tenant.id() + "' AND sha256 = '"
                        + hash + "'"))
                .singleElement()
                .satisfies(row ->
                        assertThat(((Number) row.get("size")).longValue()).isEqualTo(bytes.length));
        assertThat(api.get("/v1/whoami", tenant.key())
                        .json()
                        .at("/usage/storage/usedBytes")
                        .asLong())
                .isEqualTo(bytes.length);
    }

    @Test
    void givenDefaultLimit_whenAVersionOfExactlyTwentyFiveMebibytesIsSentAsBase64_thenItIsAccepted() {
        Tenant tenant = api.signUp("atdefaultlimit");
        byte[] bytes = randomBytes(25 * 1024 * 1024, 25);

        ApiResponse created = api.post(
                "/v1/artifacts",
                tenant.key(),
                "{\"title\":\"Largest allowed\",\"contentBase64\":\""
                        + Base64.getEncoder().encodeToString(bytes) + "\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("size").asLong()).isEqualTo(bytes.length);
        assertThat(created.json().get("sha256").asText()).isEqualTo(sha256(bytes));
    }

    @Test
    void givenDefaultLimit_whenAVersionJustOverTwentyFiveMebibytesIsSent_thenContentTooLargeNamingTheLimit() {
        Tenant tenant = api.signUp("defaultlimit");
        int limit = 25 * 1024 * 1024;

        ApiResponse response = api.post(
                "/v1/artifacts", tenant.key(), "{\"title\":\"Huge\",\"content\":\"" + "x".repeat(limit + 1) + "\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.json().get("type").asText()).as(response.body()).endsWith("/content-too-large");
        assertThat(response.json().get("limitBytes").asLong()).isEqualTo(limit);
        assertThat(ids(api.get("/v1/artifacts?project=default", tenant.key()))).isEmpty();
    }

    @Test
    void malformedOrInvalidCreateRequestsAreRejectedWithProblems_andCreateNothing() {
        Tenant tenant = api.signUp("invalid");
        record Case(String body, int status, String type) {}
        List<Case> cases = List.of(
                new Case("{\"title\":", 400, "malformed-request"),
                new Case("[]", 400, "malformed-request"),
                new Case("{\"title\":42,\"content\":\"x\"}", 400, "malformed-request"),
                new Case("{\"title\":\"t\",\"content\":[\"x\"]}", 400, "malformed-request"),
                new Case("{\"title\":\"t\",\"content\":\"x\",\"colour\":\"red\"}", 400, "malformed-request"),
                new Case("{\"content\":\"x\"}", 422, "invalid-request"),
                new Case("{\"title\":\"\",\"content\":\"x\"}", 422, "invalid-request"),
                new Case("{\"title\":\"" + "t".repeat(201) + "\",\"content\":\"x\"}", 422, "invalid-request"),
                new Case("{\"title\":\" padded \",\"content\":\"x\"}", 422, "invalid-title"),
                new Case(
                        "{\"title\":\"t\",\"content\":\"x\",\"contentType\":\"not a type\"}",
                        422,
                        "invalid-content-type"),
                new Case("{\"title\":\"t\",\"content\":\"x\",\"fileName\":\"a/b.txt\"}", 422, "invalid-file-name"));

        for (Case c : cases) {
            ApiResponse response = api.post("/v1/artifacts", tenant.key(), c.body());
            assertThat(response.status()).as(c.body()).isEqualTo(c.status());
            assertThat(response.contentType()).as(c.body()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).as(c.body()).endsWith("/" + c.type());
            assertThat(response.json().get("detail").asText()).as(c.body()).isNotBlank();
        }
        assertThat(ids(api.get("/v1/artifacts?project=default", tenant.key()))).isEmpty();
        assertThat(auditActions(tenant, "artifact.created")).isEmpty();
        assertThat(api.get("/v1/whoami", tenant.key())
                        .json()
                        .at("/usage/storage/usedBytes")
                        .asLong())
                .isZero();
    }

    @Test
    void givenPrivateFlagThatIsNotABoolean_whenCreated_thenBadRequest_notASilentlyPublicArtifact() {
        Tenant tenant = api.signUp("privateflag");
        assertThat(api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}")
                        .status())
                .isEqualTo(200);
        var softly = new SoftAssertions();

        for (String flag : List.of("\"yes\"", "\"true\"", "\"false\"", "1", "0", "[true]", "{}")) {
            String body = "{\"title\":\"t\",\"content\":\"x\",\"private\":" + flag + "}";
            ApiResponse response = api.post("/v1/artifacts", tenant.key(), body);
            String outcome = response.status() == 201
                    ? "201 publicView=" + response.json().get("publicView").asBoolean()
                    : Integer.toString(response.status());
            softly.assertThat(outcome).as(body).isEqualTo("400");
        }

        softly.assertThat(ids(api.get("/v1/artifacts?project=default", tenant.key())))
                .as("artifacts created from non-boolean flags")
                .isEmpty();
        softly.assertAll();
    }

    @Test
    void givenTitleOfTwoHundredCharacters_whenCreated_thenAccepted() {
        Tenant tenant = api.signUp("longtitle");

        ApiResponse created = api.post("/v1/artifacts", tenant.key(), json("title", "t".repeat(200), "content", "x"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("title").asText()).hasSize(200);
    }

    @Test
    void givenNoKey_whenArtifactIsCreatedOrListed_thenUnauthenticated() {
        for (ApiResponse response : List.of(
                api.post("/v1/artifacts", null, json("title", "Anonymous", "content", "x")),
                api.get("/v1/artifacts?project=default", null))) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(api.post("/v1/artifacts", "ak_live_" + "x".repeat(32), json("title", "Forged", "content", "x"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void givenKeysMissingAScope_whenTheyWrite_thenForbiddenNamingTheScope() {
        Tenant tenant = api.signUp("scopes");
        String id = createText(tenant, "Target", "v1");
        String reader = api.createKey(tenant.key(), "{\"name\":\"reader\",\"scopes\":[\"artifacts:read\"]}")
                .get("key")
                .asText();
        String writer =
                api.createKey(tenant.key(), "{\"name\":\"writer\"}").get("key").asText();

        record Case(ApiResponse response, String scope) {}
        for (Case c : List.of(
                new Case(api.post("/v1/artifacts", reader, json("title", "x", "content", "x")), "artifacts:create"),
                new Case(
                        api.post("/v1/artifacts/" + id + "/versions", reader, json("content", "x")),
                        "artifacts:update"),
                new Case(api.post("/v1/artifacts/" + id + "/restore", reader, "{\"version\":1}"), "artifacts:update"),
                new Case(api.delete("/v1/artifacts/" + id, writer), "artifacts:delete"))) {
            assertThat(c.response().status()).as(c.scope()).isEqualTo(403);
            assertThat(c.response().json().get("requiredScope").asText()).isEqualTo(c.scope());
        }
        assertThat(api.get("/v1/artifacts/" + id, reader).status()).isEqualTo(200);
        assertThat(versionNumbers(id, tenant.key())).containsExactly(1L);
    }

    @Test
    void everyArtifactChangeIsAudited_withTheKeyAsActor() {
        Tenant tenant = api.signUp("audited");
        String id = createText(tenant, "Audited", "one");
        append(tenant, id, "two");
        assertThat(api.post("/v1/artifacts/" + id + "/restore", tenant.key(), "{\"version\":1}")
                        .status())
                .isEqualTo(201);
        assertThat(api.delete("/v1/artifacts/" + id, tenant.key()).status()).isEqualTo(204);

        List<JsonNode> items = items(api.get("/v1/audit-events", tenant.key()));

        List<JsonNode> ofArtifact = items.stream()
                .filter(e -> e.at("/resource/id").asText().equals(id))
                .toList();
        assertThat(ofArtifact)
                .extracting(e -> e.get("action").asText())
                .containsExactly(
                        "artifact.deleted", "artifact.restored", "artifact.version_appended", "artifact.created");
        assertThat(ofArtifact).allSatisfy(e -> {
            assertThat(e.at("/actor/type").asText()).isEqualTo("api_key");
            assertThat(e.at("/actor/displayName").asText()).isEqualTo("API Key: Default key");
            assertThat(e.at("/actor/keyId").asText()).isEqualTo(tenant.keyId());
            assertThat(e.at("/resource/type").asText()).isEqualTo("artifact");
        });
        assertThat(ofArtifact.get(1).at("/details/restoredFrom").asLong()).isEqualTo(1);
        assertThat(ofArtifact.get(1).at("/details/version").asLong()).isEqualTo(3);
        assertThat(ofArtifact.get(2).at("/details/version").asLong()).isEqualTo(2);
        assertThat(ofArtifact.get(3).at("/details/title").asText()).isEqualTo("Audited");
        assertThat(ofArtifact.get(3).at("/details/sha256").asText())
                .isEqualTo(sha256("one".getBytes(StandardCharsets.UTF_8)));
    }

    private String createText(Tenant tenant, String title, String text) {
        ApiResponse created = api.post("/v1/artifacts", tenant.key(), json("title", title, "content", text));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String createIn(Tenant tenant, String project, String title) {
        ApiResponse created =
                api.post("/v1/artifacts", tenant.key(), json("project", project, "title", title, "content", title));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String createBinary(Tenant tenant, String title, byte[] bytes, String contentType) {
        ApiResponse created = api.post(
                "/v1/artifacts",
                tenant.key(),
                json(
                        "title",
                        title,
                        "contentBase64",
                        Base64.getEncoder().encodeToString(bytes),
                        "contentType",
                        contentType));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void append(Tenant tenant, String id, String text) {
        appendBody(tenant, id, json("content", text));
    }

    private void appendBody(Tenant tenant, String id, String body) {
        ApiResponse appended = api.post("/v1/artifacts/" + id + "/versions", tenant.key(), body);
        assertThat(appended.status()).as(appended.body()).isEqualTo(201);
    }

    private ApiResponse appendIfMatch(Tenant tenant, String id, String body, String ifMatch) {
        return send(
                HttpRequest.POST("/v1/artifacts/" + id + "/versions", body).header(HttpHeaders.IF_MATCH, ifMatch),
                tenant.key());
    }

    private ApiResponse send(MutableHttpRequest<String> request, String key) {
        return api.send(request.contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(key));
    }

    private List<Long> versionNumbers(String id, String key) {
        ApiResponse versions = api.get("/v1/artifacts/" + id + "/versions", key);
        assertThat(versions.status()).isEqualTo(200);
        return items(versions).stream().map(v -> v.get("version").asLong()).toList();
    }

    private List<JsonNode> auditActions(Tenant tenant, String action) {
        ApiResponse audit = api.get("/v1/audit-events?action=" + action, tenant.key());
        assertThat(audit.status()).isEqualTo(200);
        return items(audit);
    }

    /** Content as bytes: the shared client reads bodies as text, which would mangle binary. */
    private Content content(String path, String key) {
        HttpResponse<byte[]> response = httpClient
                .toBlocking()
                .exchange(HttpRequest.GET(path).bearerAuth(key).accept(MediaType.ALL_TYPE), byte[].class);
        return new Content(
                response.code(),
                response.getHeaders().get(HttpHeaders.CONTENT_TYPE),
                response.getBody().orElse(new byte[0]),
                response.getHeaders());
    }

    private record Content(int status, String contentType, byte[] bytes, HttpHeaders headers) {}

    private static List<String> ids(ApiResponse list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return items(list).stream().map(item -> item.get("id").asText()).toList();
    }

    private static List<JsonNode> items(ApiResponse list) {
        return StreamSupport.stream(list.json().get("items").spliterator(), false)
                .toList();
    }

    private static String json(String... keysAndValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
