package dev.artifacta.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.auditexport.checkpoint.Checkpoint;
import dev.artifacta.auditexport.checkpoint.Ed25519Keys;
import dev.artifacta.auditexport.verify.ExportVerifier;
import dev.artifacta.auditexport.verify.ExportVerifier.Format;
import dev.artifacta.auditexport.verify.Verification;
import dev.artifacta.auditexport.verify.VerifyCommand;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Contract;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tamper-evident export: what GET /v1/audit-events/export streams verifies offline with only
 * the key from /signing-key, holds exactly the tenant's entries of the range asked for, chains its
 * checkpoints, and stops verifying once the file is edited.
 */
@MicronautTest(transactional = false)
class AuditExportIT extends ApiTest {

    private static final Pattern RAW_KEY = Pattern.compile("ak_live_[A-Za-z0-9]{32}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Every export body this class downloaded, scanned for raw keys. */
    private final List<String> exportBodies = Collections.synchronizedList(new ArrayList<>());
    /** Every raw key this class saw, so no export may contain one. */
    private final List<String> rawKeys = Collections.synchronizedList(new ArrayList<>());

    private Path dir;
    /** A tenant with about thirty mixed entries, shared by the read-only tests. */
    private Tenant mixed;

    private record Download(int status, HttpResponse<byte[]> response, String body, Path file) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        long checkpointNumber() {
            return Long.parseLong(header("Artifacta-Checkpoint"));
        }
    }

    @BeforeAll
    void setUp() throws IOException {
        dir = Files.createTempDirectory("audit-export-it");
        mixed = signUp("mixed");
        mixedTrail(mixed, 30);
    }

    @AfterAll
    void noExportEverHoldsARawKey() {
        assertThat(exportBodies).isNotEmpty();
        assertThat(rawKeys).isNotEmpty();
        for (String body : exportBodies) {
            assertThat(RAW_KEY.matcher(body).find())
                    .as("an export holds a raw key")
                    .isFalse();
            for (String raw : rawKeys) {
                assertThat(body).doesNotContain(raw).doesNotContain(raw.substring(8));
            }
        }
    }

    @Test
    void jsonlExport_verifiesWithTheServersKey_andHoldsEveryEntryOldestFirst() throws Exception {
        List<JsonNode> entries = allEntriesOldestFirst(mixed.key());
        assertThat(entries).hasSizeGreaterThanOrEqualTo(30);

        Download export = export(mixed.key(), "?format=jsonl", "mixed.jsonl");

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(export.header("Content-Disposition"))
                .startsWith("attachment")
                .matches("attachment; filename=\"[^\"/\\\\]+\\.jsonl\"");
        long number = export.checkpointNumber();
        assertThat(export.header("Link")).contains("/v1/audit-events/checkpoints/" + number);

        Verification verification = verifier(mixed.key()).verify(export.file(), Format.JSONL, null, null);
        assertThat(verification.ok()).as(verification.summary()).isTrue();
        assertThat(verification.count()).isEqualTo(entries.size());
        assertThat(verification.tenantId()).isEqualTo(mixed.id());
        assertThat(verification.checkpointNumber()).isEqualTo(number);

        List<JsonNode> lines = entryLines(export.file());
        assertThat(lines).extracting(l -> l.get("eventId").asText()).containsExactlyElementsOf(ids(entries));
        assertThat(lines).extracting(l -> l.get("tenantId").asText()).containsOnly(mixed.id());
        JsonNode trailer = ExportVerifier.trailerOf(export.file());
        assertThat(trailer.get("number").asLong()).isEqualTo(number);
        assertThat(trailer.at("/entries/count").asLong()).isEqualTo(entries.size());
        assertThat(trailer.at("/entries/lastSequence").asLong())
                .isEqualTo(lines.getLast().get("sequence").asLong());
        // The checkpoint served by number is the very one that closes the export.
        ApiResponse served = api.get("/v1/audit-events/checkpoints/" + number, mixed.key());
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.json()).isEqualTo(trailer);
    }

    @Test
    void csvExport_verifiesAgainstTheCheckpointItNamesInItsHeader() throws Exception {
        List<JsonNode> entries = allEntriesOldestFirst(mixed.key());

        Download export = export(mixed.key(), "?format=csv", "mixed.csv");

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("text/csv");
        assertThat(export.header("Content-Disposition")).matches("attachment; filename=\"[^\"/\\\\]+\\.csv\"");
        assertThat(export.body()).doesNotContain("\"checkpoint\"");
        ApiResponse checkpoint = api.get("/v1/audit-events/checkpoints/" + export.checkpointNumber(), mixed.key());
        assertThat(checkpoint.status()).isEqualTo(200);
        assertThat(checkpoint.contentType()).startsWith("application/json");

        Verification verification = verifier(mixed.key()).verify(export.file(), Format.CSV, checkpoint.json(), null);
        assertThat(verification.ok()).as(verification.summary()).isTrue();
        assertThat(verification.count()).isEqualTo(entries.size());
        assertThat(verification.checkpointNumber()).isEqualTo(export.checkpointNumber());
        List<CSVRecord> records = csvRecords(export.file());
        assertThat(records).extracting(r -> r.get("eventId")).containsExactlyElementsOf(ids(entries));

        Verification unsigned = verifier(mixed.key()).verify(export.file(), Format.CSV, null, null);
        assertThat(unsigned.ok())
                .as("a CSV export without its checkpoint is unsigned")
                .isFalse();

        Path key = write(
                "signing-key.json",
                api.get("/v1/audit-events/signing-key", mixed.key()).body());
        Path checkpointFile = write("csv-checkpoint.json", checkpoint.body());
        assertThat(cli(
                        export.file().toString(),
                        "--public-key",
                        key.toString(),
                        "--checkpoint",
                        checkpointFile.toString()))
                .isZero();
    }

    @Test
    void fromAndToBound_theExportAndItsCheckpoint_toExactlyTheEntriesInTheRange() throws Exception {
        List<JsonNode> entries = allEntriesOldestFirst(mixed.key());
        // from is inclusive and to exclusive, on entries whose times differ from their neighbours'.
        int fromIndex = distinctTimeIndexNear(entries, 5);
        int toIndex = distinctTimeIndexNear(entries, entries.size() - 6);
        String from = entries.get(fromIndex).get("occurredAt").asText();
        String to = entries.get(toIndex).get("occurredAt").asText();
        List<JsonNode> expected = entries.stream()
                .filter(e -> !Instant.parse(e.get("occurredAt").asText()).isBefore(Instant.parse(from))
                        && Instant.parse(e.get("occurredAt").asText()).isBefore(Instant.parse(to)))
                .toList();
        assertThat(expected).hasSizeBetween(10, entries.size() - 5);

        for (Format format : List.of(Format.JSONL, Format.CSV)) {
            String extension = format == Format.JSONL ? "jsonl" : "csv";
            Download export = export(
                    mixed.key(), "?format=" + extension + "&from=" + q(from) + "&to=" + q(to), "range." + extension);
            assertThat(export.status()).as(export.body()).isEqualTo(200);
            JsonNode checkpoint = api.get("/v1/audit-events/checkpoints/" + export.checkpointNumber(), mixed.key())
                    .json();

            Verification verification = verifier(mixed.key()).verify(export.file(), format, checkpoint, null);

            assertThat(verification.ok())
                    .as(format + " " + verification.summary())
                    .isTrue();
            assertThat(verification.count()).as(format.toString()).isEqualTo(expected.size());
            List<String> exportedIds = format == Format.JSONL
                    ? entryLines(export.file()).stream()
                            .map(l -> l.get("eventId").asText())
                            .toList()
                    : csvRecords(export.file()).stream()
                            .map(r -> r.get("eventId"))
                            .toList();
            assertThat(exportedIds).as(format.toString()).containsExactlyElementsOf(ids(expected));
            assertThat(checkpoint.at("/entries/count").asLong()).isEqualTo(expected.size());
            assertThat(checkpoint.at("/entries/firstSequence").asLong()).isEqualTo(verification.firstSequence());
            assertThat(checkpoint.at("/entries/lastSequence").asLong()).isEqualTo(verification.lastSequence());
            // The head is the whole chain's, beyond the range.
            assertThat(checkpoint.at("/head/sequence").asLong()).isGreaterThan(verification.lastSequence());
        }

        // A range with nothing in it still gets a signed checkpoint that signs no entries.
        Download empty =
                export(mixed.key(), "?from=" + q(Instant.now().plusSeconds(3600).toString()), "empty.jsonl");
        assertThat(empty.status()).isEqualTo(200);
        Verification none = verifier(mixed.key()).verify(empty.file(), Format.JSONL, null, null);
        assertThat(none.ok()).as(none.summary()).isTrue();
        assertThat(none.count()).isZero();
        assertThat(ExportVerifier.trailerOf(empty.file()).get("entries").isNull())
                .isTrue();
    }

    @Test
    void aTrailOfMoreThanThreeChunks_streamsCompletelyAndVerifies() throws Exception {
        Tenant large = signUp("large");
        List<String> artifacts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            artifacts.add(createArtifact(large.key(), "bulk-" + i));
        }
        // 4 x 380 appends, one writer per artifact (appends to one artifact are serialized anyway).
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (String artifact : artifacts) {
                writers.add(pool.submit(() -> {
                    for (int v = 0; v < 380; v++) {
                        ApiResponse appended = api.post(
                                "/v1/artifacts/" + artifact + "/versions",
                                large.key(),
                                "{\"content\":\"v" + v + " of " + artifact + "\"}");
                        assertThat(appended.status()).as(appended.toString()).isEqualTo(201);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int total = awaitStableCount(large.key());
        assertThat(total).isGreaterThan(1500);

        Download jsonl = export(large.key(), "", "large.jsonl");
        Download csv = export(large.key(), "?format=csv", "large.csv");

        assertThat(jsonl.status()).isEqualTo(200);
        Verification byLines = verifier(large.key()).verify(jsonl.file(), Format.JSONL, null, null);
        assertThat(byLines.ok()).as(byLines.summary()).isTrue();
        assertThat(byLines.count()).isEqualTo(total);
        assertThat(entryLines(jsonl.file())).hasSize(total);
        assertThat(csv.status()).isEqualTo(200);
        JsonNode csvCheckpoint = api.get("/v1/audit-events/checkpoints/" + csv.checkpointNumber(), large.key())
                .json();
        Verification byRecords = verifier(large.key()).verify(csv.file(), Format.CSV, csvCheckpoint, null);
        assertThat(byRecords.ok()).as(byRecords.summary()).isTrue();
        assertThat(byRecords.count()).isEqualTo(total);
        assertThat(csvRecords(csv.file())).hasSize(total);
    }

    @Test
    void consecutiveExports_chainTheirCheckpoints_andTheCliChecksTheChain() throws Exception {
        Tenant tenant = signUp("chain");
        mixedTrail(tenant, 6);
        Download first = export(tenant.key(), "", "chain-1.jsonl");
        JsonNode firstCheckpoint = ExportVerifier.trailerOf(first.file());
        rawKeys.add(api.createKey(tenant.key(), "{\"name\":\"between exports\"}")
                .get("key")
                .asText());
        Download second = export(tenant.key(), "", "chain-2.jsonl");
        JsonNode secondCheckpoint = ExportVerifier.trailerOf(second.file());

        assertThat(second.checkpointNumber()).isEqualTo(first.checkpointNumber() + 1);
        assertThat(secondCheckpoint.at("/previous/number").asLong()).isEqualTo(first.checkpointNumber());
        assertThat(secondCheckpoint.at("/previous/digest").asText()).isEqualTo(Checkpoint.digest(firstCheckpoint));
        assertThat(secondCheckpoint.at("/previous/headSequence").asLong())
                .isEqualTo(firstCheckpoint.at("/head/sequence").asLong());
        assertThat(secondCheckpoint.at("/head/sequence").asLong())
                .isGreaterThan(firstCheckpoint.at("/head/sequence").asLong());
        Verification chained = verifier(tenant.key()).verify(second.file(), Format.JSONL, null, firstCheckpoint);
        assertThat(chained.ok()).as(chained.summary()).isTrue();

        Path key = write(
                "chain-key.json",
                api.get("/v1/audit-events/signing-key", tenant.key()).body());
        Path previous = write(
                "chain-previous.json",
                api.get("/v1/audit-events/checkpoints/" + first.checkpointNumber(), tenant.key())
                        .body());
        assertThat(cli(second.file().toString(), "-k", key.toString(), "--previous-checkpoint", previous.toString()))
                .isZero();

        // A checkpoint that is not the one before does not chain: the CLI says so with status 1.
        Download third = export(tenant.key(), "", "chain-3.jsonl");
        assertThat(cli(third.file().toString(), "-k", key.toString(), "--previous-checkpoint", previous.toString()))
                .isEqualTo(1);
        Path firstFile = write("chain-first-as-previous.jsonl", Files.readString(first.file()));
        assertThat(cli(firstFile.toString(), "-k", key.toString(), "--previous-checkpoint", previous.toString()))
                .as("a checkpoint is not its own predecessor")
                .isEqualTo(1);
    }

    @Test
    void editingOrTruncatingTheDownloadedFile_makesItFailVerification() throws Exception {
        Download jsonl = export(mixed.key(), "", "tamper.jsonl");
        Download csv = export(mixed.key(), "?format=csv", "tamper.csv");
        ExportVerifier verifier = verifier(mixed.key());
        JsonNode csvCheckpoint = api.get("/v1/audit-events/checkpoints/" + csv.checkpointNumber(), mixed.key())
                .json();
        assertThat(verifier.verify(jsonl.file(), Format.JSONL, null, null).ok()).isTrue();
        assertThat(verifier.verify(csv.file(), Format.CSV, csvCheckpoint, null).ok())
                .isTrue();

        List<String> lines = Files.readAllLines(jsonl.file());
        int middle = lines.size() / 2;

        // An edited field of one entry.
        List<String> edited = new ArrayList<>(lines);
        ObjectNode entry = (ObjectNode) JSON.readTree(edited.get(middle));
        ((ObjectNode) entry.get("actor")).put("displayName", "Someone else");
        edited.set(middle, JSON.writeValueAsString(entry));
        assertFails(verifier, write("edited.jsonl", edited), Format.JSONL, null, "edited field");

        // The same edit with the entry's hash recomputed still breaks the link to the next entry.
        ObjectNode rehashed = (ObjectNode) JSON.readTree(lines.get(middle));
        rehashed.put("action", "artifact.viewed");
        rehashed.put(
                "hash",
                dev.artifacta.auditexport.format.ChainHash.of(
                        rehashed.get("previousHash").asText(), rehashed));
        List<String> relinked = new ArrayList<>(lines);
        relinked.set(middle, JSON.writeValueAsString(rehashed));
        assertFails(verifier, write("rehashed.jsonl", relinked), Format.JSONL, null, "rehashed entry");

        // The last line (the checkpoint) dropped: the export is unsigned.
        assertFails(
                verifier,
                write("no-trailer.jsonl", lines.subList(0, lines.size() - 1)),
                Format.JSONL,
                null,
                "checkpoint dropped");
        // The last entry dropped, the checkpoint kept.
        List<String> lastEntryDropped = new ArrayList<>(lines.subList(0, lines.size() - 2));
        lastEntryDropped.add(lines.getLast());
        assertFails(verifier, write("no-last-entry.jsonl", lastEntryDropped), Format.JSONL, null, "last entry dropped");
        // An entry removed from the middle.
        List<String> holed = new ArrayList<>(lines);
        holed.remove(middle);
        assertFails(verifier, write("holed.jsonl", holed), Format.JSONL, null, "middle entry dropped");
        // Two entries swapped.
        List<String> swapped = new ArrayList<>(lines);
        Collections.swap(swapped, middle, middle + 1);
        assertFails(verifier, write("swapped.jsonl", swapped), Format.JSONL, null, "entries swapped");
        // The checkpoint's range edited.
        ObjectNode trailer = (ObjectNode) JSON.readTree(lines.getLast());
        ((ObjectNode) trailer.get("checkpoint").get("entries")).put("lastSequence", 1);
        List<String> forged = new ArrayList<>(lines);
        forged.set(forged.size() - 1, JSON.writeValueAsString(trailer));
        assertFails(verifier, write("forged-checkpoint.jsonl", forged), Format.JSONL, null, "checkpoint edited");

        List<String> csvLines = Files.readAllLines(csv.file());
        assertFails(
                verifier,
                write("no-last-line.csv", csvLines.subList(0, csvLines.size() - 1)),
                Format.CSV,
                csvCheckpoint,
                "CSV last line dropped");
        List<String> csvEdited = new ArrayList<>(csvLines);
        int row = csvEdited.size() / 2;
        String original = csvEdited.get(row);
        String changed = original.replaceFirst(",(artifact|api_key|project|access)\\.([a-z_]+),", ",$1.$2x,");
        assertThat(changed).as("the action cell was edited").isNotEqualTo(original);
        csvEdited.set(row, changed);
        assertFails(verifier, write("edited.csv", csvEdited), Format.CSV, csvCheckpoint, "CSV cell edited");

        // The CLI answers 1 (not verified) for a tampered file, 0 for the original.
        Path key = write(
                "tamper-key.json",
                api.get("/v1/audit-events/signing-key", mixed.key()).body());
        assertThat(cli(jsonl.file().toString(), "-k", key.toString())).isZero();
        assertThat(cli(dir.resolve("edited.jsonl").toString(), "-k", key.toString()))
                .isEqualTo(1);
    }

    @Test
    void everyKindOfActorAndAwkwardText_exportAndVerifyInBothFormats() throws Exception {
        Tenant tenant = signUp("actors");
        // The operator (a service actor without key or identity) upgrades the plan.
        assertThat(api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ADMIN_TOKEN, "{\"plan\":\"pro\"}")
                        .status())
                .isEqualTo(200);
        // Text a CSV must quote: commas, quotes, non-ASCII (a title cannot hold a line break: docs/api.md).
        String title = "Q3, \\\"final\\\" plan; line two \u00e9\u00e8 \u2713 \u65e5\u672c";
        ApiResponse created = api.send(
                io.micronaut.http.HttpRequest.POST("/v1/artifacts", "{\"title\":\"" + title + "\",\"content\":\"x\"}")
                        .contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE)
                        .bearerAuth(tenant.key())
                        .header("User-Agent", "tool/1.0 (a, \"quoted\"; x=1)"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String artifact = created.json().get("id").asText();
        assertThat(api.put(
                                "/v1/artifacts/" + artifact + "/access",
                                tenant.key(),
                                "{\"publicView\":true,\"publicEdit\":true,\"viewerEmails\":[]}")
                        .status())
                .isEqualTo(200);
        // The public (no credentials) edits it.
        assertThat(api.post("/v1/artifacts/" + artifact + "/versions", null, "{\"content\":\"by the public\"}")
                        .status())
                .isEqualTo(201);
        // A share link is created and used.
        ApiResponse link =
                api.post("/v1/artifacts/" + artifact + "/share-links", tenant.key(), "{\"role\":\"editor\"}");
        assertThat(link.status()).as(link.toString()).isEqualTo(201);
        assertThat(api.post(
                                "/v1/shared/" + link.json().get("token").asText() + "/versions",
                                null,
                                "{\"content\":\"by a link\"}")
                        .status())
                .isEqualTo(201);
        // An agent acts, and is refused once.
        JsonNode agent = api.createKey(
                tenant.key(),
                "{\"name\":\"Agent, \\\"007\\\"\",\"scopes\":[\"artifacts:read\",\"artifacts:update\",\"artifacts:delete\"],"
                        + "\"identity\":{\"type\":\"agent\",\"name\":\"bot \u00e9\"}}");
        rawKeys.add(agent.get("key").asText());
        assertThat(api.post(
                                "/v1/artifacts/" + artifact + "/versions",
                                agent.get("key").asText(),
                                "{\"content\":\"a\"}")
                        .status())
                .isEqualTo(201);
        assertThat(api.delete("/v1/artifacts/" + artifact, agent.get("key").asText())
                        .status())
                .isEqualTo(403);
        int total = awaitStableCount(tenant.key());
        List<JsonNode> entries = allEntriesOldestFirst(tenant.key());
        assertThat(entries)
                .extracting(e -> e.at("/actor/type").asText())
                .contains("user", "api_key", "agent", "share_link", "service");

        Download jsonl = export(tenant.key(), "", "actors.jsonl");
        Download csv = export(tenant.key(), "?format=csv", "actors.csv");

        Verification byLines = verifier(tenant.key()).verify(jsonl.file(), Format.JSONL, null, null);
        assertThat(byLines.ok()).as(byLines.summary()).isTrue();
        assertThat(byLines.count()).isEqualTo(total);
        JsonNode csvCheckpoint = api.get("/v1/audit-events/checkpoints/" + csv.checkpointNumber(), tenant.key())
                .json();
        Verification byRecords = verifier(tenant.key()).verify(csv.file(), Format.CSV, csvCheckpoint, null);
        assertThat(byRecords.ok()).as(byRecords.summary()).isTrue();
        assertThat(byRecords.count()).isEqualTo(total);
        assertThat(entryLines(jsonl.file()))
                .extracting(l -> l.at("/details/title").asText())
                .contains("Q3, \"final\" plan; line two \u00e9\u00e8 \u2713 \u65e5\u672c");
        assertThat(csvRecords(csv.file())).extracting(r -> r.get("details")).anySatisfy(d -> assertThat(d)
                .contains("Q3, \\\"final\\\" plan; line two"));
    }

    @Test
    void theSigningKeyIsTheSameAcrossRequestsAndTenants_andSignsTheCheckpoints() throws Exception {
        Tenant other = signUp("keys");
        ApiResponse first = api.get("/v1/audit-events/signing-key", mixed.key());
        ApiResponse second = api.get("/v1/audit-events/signing-key", mixed.key());
        ApiResponse another = api.get("/v1/audit-events/signing-key", other.key());

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(another.json()).isEqualTo(first.json());
        JsonNode key = first.json();
        assertThat(key.get("algorithm").asText()).isEqualTo("Ed25519");
        PublicKey fromBase64 = Ed25519Keys.publicKey(key.get("publicKey").asText());
        PublicKey fromPem = Ed25519Keys.publicKey(key.get("publicKeyPem").asText());
        assertThat(fromPem.getEncoded()).isEqualTo(fromBase64.getEncoded());
        assertThat(key.get("publicKeyPem").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(key.get("keyId").asText()).isEqualTo(Ed25519Keys.keyId(fromBase64));
        Download export = export(other.key(), "", "keys.jsonl");
        JsonNode checkpoint = ExportVerifier.trailerOf(export.file());
        assertThat(checkpoint.get("keyId").asText()).isEqualTo(key.get("keyId").asText());
        assertThat(Checkpoint.verifies(checkpoint, fromBase64)).isTrue();
        assertThat(api.get("/v1/audit-events/signing-key", mixed.key()).json()).isEqualTo(key);
    }

    @Test
    void anotherTenantsCheckpointNumbersAndEntriesAreNeverReachable() throws Exception {
        Tenant a = signUp("xa");
        Tenant b = signUp("xb");
        mixedTrail(a, 4);
        mixedTrail(b, 4);
        List<Long> aNumbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            aNumbers.add(export(a.key(), "", "xa-" + i + ".jsonl").checkpointNumber());
        }
        Download bExport = export(b.key(), "?format=jsonl", "xb.jsonl");
        Download bCsv = export(b.key(), "?format=csv", "xb.csv");
        long bNumber = bExport.checkpointNumber();

        // B has issued fewer checkpoints than A: A's higher numbers exist, but not for B.
        for (long number : aNumbers) {
            ApiResponse asB = api.get("/v1/audit-events/checkpoints/" + number, b.key());
            if (number > bCsv.checkpointNumber()) {
                assertThat(asB.status()).as("A's checkpoint " + number).isEqualTo(404);
                assertThat(asB.contentType()).startsWith("application/problem+json");
                assertThat(asB.body()).doesNotContain(a.id());
            } else {
                assertThat(asB.status()).isEqualTo(200);
                assertThat(asB.json().get("tenantId").asText()).isEqualTo(b.id());
            }
        }
        ApiResponse aOwn = api.get("/v1/audit-events/checkpoints/" + aNumbers.getLast(), a.key());
        assertThat(aOwn.status()).isEqualTo(200);
        assertThat(aOwn.json().get("tenantId").asText()).isEqualTo(a.id());
        assertThat(api.get("/v1/audit-events/checkpoints/999999", b.key()).status())
                .isEqualTo(404);
        assertThat(api.get("/v1/audit-events/checkpoints/not-a-number", b.key()).status())
                .isEqualTo(404);

        List<String> aIds = ids(allEntriesOldestFirst(a.key()));
        List<JsonNode> bLines = entryLines(bExport.file());
        assertThat(bLines).isNotEmpty();
        assertThat(bLines).extracting(l -> l.get("tenantId").asText()).containsOnly(b.id());
        assertThat(bLines).extracting(l -> l.get("eventId").asText()).doesNotContainAnyElementsOf(aIds);
        assertThat(bExport.body())
                .doesNotContain(a.id())
                .doesNotContain(a.name())
                .doesNotContain(a.keyId());
        assertThat(bCsv.body()).doesNotContain(a.id()).doesNotContain(a.name()).doesNotContain(a.keyId());
        assertThat(ExportVerifier.trailerOf(bExport.file()).get("tenantId").asText())
                .isEqualTo(b.id());
        assertThat(bNumber).isPositive();
    }

    @Test
    void withoutAuditRead_exportCheckpointsAndSigningKeyAreForbidden() {
        Tenant tenant = signUp("noread");
        Download issued = export(tenant.key(), "", "noread.jsonl");
        JsonNode limited = api.createKey(
                tenant.key(), "{\"name\":\"no audit\",\"scopes\":[\"artifacts:read\",\"agents:manage\"]}");
        String key = limited.get("key").asText();
        rawKeys.add(key);

        for (String path : List.of(
                "/v1/audit-events/export",
                "/v1/audit-events/export?format=csv",
                "/v1/audit-events/checkpoints/" + issued.checkpointNumber(),
                "/v1/audit-events/signing-key")) {
            ApiResponse response = api.get(path, key);
            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            assertThat(response.json().get("requiredScope").asText()).as(path).isEqualTo("audit:read");
            assertThat(response.body())
                    .as(path)
                    .doesNotContain("\"checkpoint\"")
                    .doesNotContain("publicKey");
            assertThat(api.get(path, null).status()).as(path + " without a key").isEqualTo(401);
        }
    }

    // --- helpers ---

    private Tenant signUp(String prefix) {
        Tenant tenant = api.signUp(prefix);
        rawKeys.add(tenant.key());
        return tenant;
    }

    /** About {@code size} entries of every kind a tenant makes: keys, artifacts, versions, refusals. */
    private void mixedTrail(Tenant tenant, int size) {
        JsonNode manager =
                api.createKey(tenant.key(), "{\"name\":\"manager\",\"scopes\":[\"agents:manage\",\"artifacts:read\"]}");
        rawKeys.add(manager.get("key").asText());
        int made = 4; // signup's three entries and the manager key
        int i = 0;
        while (made < size) {
            switch (i % 5) {
                case 0 -> {
                    JsonNode key = api.createKey(
                            manager.get("key").asText(),
                            "{\"name\":\"worker-" + i + "\"," + "\"scopes\":[\"artifacts:read\"]}");
                    rawKeys.add(key.get("key").asText());
                }
                case 1 -> createArtifact(tenant.key(), "Report " + i);
                case 2 -> {
                    String artifact = createArtifact(tenant.key(), "Notes " + i);
                    assertThat(api.post("/v1/artifacts/" + artifact + "/versions", tenant.key(), "{\"content\":\"v2\"}")
                                    .status())
                            .isEqualTo(201);
                    made++;
                }
                case 3 -> {
                    // A refusal: the manager lacks artifacts:create (recorded as access.denied).
                    assertThat(api.post(
                                            "/v1/artifacts",
                                            manager.get("key").asText(),
                                            "{\"title\":\"no\",\"content\":\"x\"}")
                                    .status())
                            .isEqualTo(403);
                }
                default -> {
                    JsonNode doomed = api.createKey(tenant.key(), "{\"name\":\"doomed-" + i + "\"}");
                    rawKeys.add(doomed.get("key").asText());
                    assertThat(api.delete("/v1/api-keys/" + doomed.get("id").asText(), tenant.key())
                                    .status())
                            .isEqualTo(200);
                    made++;
                }
            }
            made++;
            i++;
        }
        awaitStableCount(tenant.key());
    }

    private String createArtifact(String key, String title) {
        ApiResponse created = api.post(
                "/v1/artifacts", key, "{\"title\":\"" + title + "\",\"content\":\"content of " + title + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** Refusals are recorded without waiting for the audit view: wait until the count settles. */
    private int awaitStableCount(String key) {
        int previous = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            int count = allEntriesOldestFirst(key).size();
            if (count == previous) {
                return count;
            }
            previous = count;
            sleep(300);
        }
        throw new AssertionError("the audit trail kept growing");
    }

    private List<JsonNode> allEntriesOldestFirst(String key) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            ApiResponse page = api.get(
                    "/v1/audit-events?order=asc&limit=200" + (cursor == null ? "" : "&cursor=" + q(cursor)), key);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(all::add);
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asText();
        } while (cursor != null);
        return all;
    }

    private Download export(String key, String query, String fileName) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(server.getURI() + "/v1/audit-events/export" + query))
                    .timeout(Duration.ofMinutes(2))
                    .GET();
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            HttpRequest sent = request.build();
            HttpResponse<byte[]> response = http.send(sent, HttpResponse.BodyHandlers.ofByteArray());
            Contract.check(sent, null, response, response.body());
            Path file = dir.resolve(fileName);
            Files.write(file, response.body());
            String body = new String(response.body(), StandardCharsets.UTF_8);
            exportBodies.add(body);
            return new Download(response.statusCode(), response, body, file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ExportVerifier verifier(String key) {
        ApiResponse signingKey = api.get("/v1/audit-events/signing-key", key);
        assertThat(signingKey.status()).isEqualTo(200);
        return new ExportVerifier(
                Ed25519Keys.publicKey(signingKey.json().get("publicKey").asText()));
    }

    private static void assertFails(ExportVerifier verifier, Path file, Format format, JsonNode checkpoint, String what)
            throws IOException {
        Verification result = verifier.verify(file, format, checkpoint, null);
        assertThat(result.ok()).as(what + ": " + result.summary()).isFalse();
        assertThat(result.problem()).as(what).isNotBlank();
    }

    private static int cli(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int status = VerifyCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        System.out.println("verify " + String.join(" ", args) + " -> " + status + ": " + out + err);
        return status;
    }

    private static List<JsonNode> entryLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            if (!node.has("checkpoint")) {
                lines.add(node);
            }
        }
        return lines;
    }

    private static List<CSVRecord> csvRecords(Path file) throws IOException {
        try (var reader = Files.newBufferedReader(file);
                var parser = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            return parser.getRecords();
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }

    /** An index at or after {@code near} whose entry's time differs from the entry before it. */
    private static int distinctTimeIndexNear(List<JsonNode> entries, int near) {
        for (int i = Math.max(1, near); i < entries.size(); i++) {
            if (!entries.get(i)
                    .get("occurredAt")
                    .asText()
                    .equals(entries.get(i - 1).get("occurredAt").asText())) {
                return i;
            }
        }
        throw new AssertionError("no distinct time after index " + near);
    }

    private static List<String> ids(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("id").asText()).toList();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
