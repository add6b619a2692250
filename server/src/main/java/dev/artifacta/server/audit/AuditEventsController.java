package dev.artifacta.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.auditexport.checkpoint.Checkpoint;
import dev.artifacta.auditexport.checkpoint.Ed25519Keys;
import dev.artifacta.auditexport.checkpoint.SigningKey;
import dev.artifacta.auditexport.export.AuditExporter;
import dev.artifacta.auditexport.export.CheckpointStore;
import dev.artifacta.auditexport.export.ExportFormat;
import dev.artifacta.auditexport.export.SigningKeys;
import dev.artifacta.events.ApiScope;
import dev.artifacta.query.auditlog.AuditPage;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.http.openapi.ApiAnswers;
import dev.artifacta.server.http.openapi.ApiProblems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The tenant's audit trail: every recorded event with its actor and request, newest first. */
@Controller("/v1/audit-events")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Audit")
@ApiProblems.BadRequest
@ApiProblems.Unauthenticated
@ApiProblems.Forbidden
@ApiProblems.TooManyRequests
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditEventsController {

    /** Names the checkpoint of an export (the CSV format has no line to carry it). */
    public static final String CHECKPOINT_HEADER = "Artifacta-Checkpoint";

    private static final Logger LOG = LoggerFactory.getLogger(AuditEventsController.class);

    /**
     * Chunks of an export (500 entries, about 400 KB of lines each) that may wait between the
     * database reader and the line writer, and again between the writer and the socket: some 5 MB of
     * heap per export. With 2 the three stages stalled on one another (a 1M-entry export kept the
     * cores busy two thirds of the time); 4 lets them overlap; 8 was no faster and, holding twice the
     * rows, sent them to the old generation (the collector's CPU went from 0.1 to 0.8 s).
     */
    private static final int EXPORT_CHUNKS_AHEAD = 4;

    /** A page of entries; pass {@code nextCursor} as {@code cursor} for the next one. */
    @Schema(name = "AuditEventPage")
    @Serdeable
    public record AuditEventPage(
            List<AuditEventView> items, @Nullable String nextCursor) {}

    /** The public half of the key that signs checkpoints. */
    @Schema(name = "SigningKey")
    @Serdeable
    public record SigningKeyView(String keyId, String algorithm, String publicKey, String publicKeyPem) {}

    private final AuditSearch search;
    private final PlanAuditRetention retention;
    private final AuditExporter exporter;
    private final CheckpointStore checkpoints;
    private final SigningKeys signingKeys;
    private final Clock clock;

    public AuditEventsController(
            AuditSearch search,
            PlanAuditRetention retention,
            AuditExporter exporter,
            CheckpointStore checkpoints,
            SigningKeys signingKeys,
            Clock clock) {
        this.search = search;
        this.retention = retention;
        this.exporter = exporter;
        this.checkpoints = checkpoints;
        this.signingKeys = signingKeys;
        this.clock = clock;
    }

    @Get
    @Operation(
            operationId = "listAuditEvents",
            summary = "Query the audit trail",
            description = "Filters combine. keyName is the key's name when the event happened, so renamed and"
                    + " revoked keys still match. actorType is user, api_key (a key acting as the owner), agent"
                    + " (a key acting as an agent), share_link or service. action is exact, or a prefix ending"
                    + " in a dot (artifact.). from is inclusive, to exclusive. Newest first unless order=asc;"
                    + " limit is 1 to 200. Entries past the tenant's retention window are never returned.")
    public AuditEventPage list(
            HttpRequest<?> request,
            @Parameter(
                            description = "The key's name when the event happened.",
                            schema = @Schema(type = "string", maxLength = 300))
                    @Nullable
                    @QueryValue
                    String keyName,
            @Parameter(schema = @Schema(type = "string", maxLength = 300)) @Nullable @QueryValue String keyId,
            @Parameter(
                            description = "Who acted.",
                            schema =
                                    @Schema(
                                            type = "string",
                                            allowableValues = {
                                                "user",
                                                "api_key",
                                                "agent",
                                                "oauth_client",
                                                "share_link",
                                                "service"
                                            }))
                    @Nullable
                    @QueryValue
                    String actorType,
            @Parameter(schema = @Schema(type = "string", maxLength = 300)) @Nullable @QueryValue String actorId,
            @Parameter(
                            description = "An action, or a prefix ending in a dot (artifact.).",
                            schema = @Schema(type = "string", maxLength = 300))
                    @Nullable
                    @QueryValue
                    String action,
            @Parameter(schema = @Schema(type = "string", maxLength = 300)) @Nullable @QueryValue String resourceType,
            @Parameter(schema = @Schema(type = "string", maxLength = 300)) @Nullable @QueryValue String resourceId,
            @Parameter(
                            description = "Inclusive: entries at or after this instant.",
                            schema = @Schema(type = "string", format = "date-time"))
                    @Nullable
                    @QueryValue
                    String from,
            @Parameter(
                            description = "Exclusive: entries before this instant.",
                            schema = @Schema(type = "string", format = "date-time"))
                    @Nullable
                    @QueryValue
                    String to,
            @Parameter(
                            description = "desc: newest first; asc: oldest first.",
                            schema =
                                    @Schema(
                                            type = "string",
                                            allowableValues = {"asc", "desc"},
                                            defaultValue = "desc"))
                    @Nullable
                    @QueryValue
                    String order,
            @ApiAnswers.Cursor @Nullable @QueryValue String cursor,
            @ApiAnswers.Limit @Nullable @QueryValue Integer limit) {
        AuditPage page = search.find(
                Principals.of(request),
                new AuditSearch.Filters(
                        keyName, keyId, actorType, actorId, action, resourceType, resourceId, from, to, order),
                cursor,
                limit);
        return new AuditEventPage(page.entries().stream().map(search::view).toList(), page.nextCursor());
    }

    @Get("/export")
    @Produces({"application/x-ndjson", "text/csv"})
    @Operation(
            operationId = "exportAuditEvents",
            summary = "Export the audit trail with its hash chain",
            description = "Streams the tenant's entries from `from` (inclusive) to `to` (exclusive), oldest first,"
                    + " each with its sequence in the tenant's chain, the hash it chains from and its own hash."
                    + " format=jsonl (default) ends with a line {\"checkpoint\": ...}: a signed checkpoint over"
                    + " exactly the entries exported. format=csv names its checkpoint in the Artifacta-Checkpoint"
                    + " header; fetch it from /v1/audit-events/checkpoints/{number}. See docs/audit.md.")
    @ApiResponse(
            responseCode = "200",
            description = "The entries in chain order: JSON Lines ending with the checkpoint line, or CSV with a"
                    + " header row.",
            headers = {
                @Header(
                        name = CHECKPOINT_HEADER,
                        description = "The number of the checkpoint issued over exactly these entries.",
                        required = true,
                        schema = @Schema(type = "integer", format = "int64")),
                @Header(
                        name = "Link",
                        description = "The checkpoint, as </v1/audit-events/checkpoints/n>; rel=\"checkpoint\".",
                        required = true,
                        schema = @Schema(type = "string")),
                @Header(
                        name = "Content-Disposition",
                        description = "attachment, with the file name audit-<tenant>-<n>.<jsonl|csv>.",
                        required = true,
                        schema = @Schema(type = "string"))
            },
            content = {
                @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary"))
            })
    public HttpResponse<Publisher<ByteBuf>> export(
            HttpRequest<?> request,
            @Parameter(
                            description = "Inclusive: entries at or after this instant.",
                            schema = @Schema(type = "string", format = "date-time"))
                    @Nullable
                    @QueryValue
                    String from,
            @Parameter(
                            description = "Exclusive: entries before this instant.",
                            schema = @Schema(type = "string", format = "date-time"))
                    @Nullable
                    @QueryValue
                    String to,
            @Parameter(
                            description = "jsonl (application/x-ndjson) or csv (text/csv).",
                            schema =
                                    @Schema(
                                            type = "string",
                                            allowableValues = {"jsonl", "csv"},
                                            defaultValue = "jsonl"))
                    @Nullable
                    @QueryValue
                    String format) {
        Principal.Tenancy caller = Principals.tenancyOf(Principals.requireScope(request, ApiScope.AUDIT_READ));
        ExportFormat exportFormat = format == null
                ? ExportFormat.JSONL
                : ExportFormat.parse(format)
                        .orElseThrow(() -> Problems.badRequest("invalid-format", "format must be jsonl or csv."));
        Instant now = clock.instant();
        AuditExporter.Plan plan = exporter.plan(
                caller.id(),
                retention.notBefore(caller.plan(), now),
                AuditSearch.instant("from", from),
                AuditSearch.instant("to", to));
        Flux<byte[]> lines = Flux.<AuditExporter.Rows, AuditExporter.Cursor>generate(
                        () -> exporter.open(plan),
                        (cursor, sink) -> {
                            try {
                                AuditExporter.Rows rows = cursor.next();
                                if (rows == null) {
                                    sink.complete();
                                } else {
                                    sink.next(rows);
                                }
                            } catch (SQLException e) {
                                sink.error(e);
                            }
                            return cursor;
                        },
                        cursor -> {
                            try {
                                cursor.close();
                            } catch (SQLException e) {
                                LOG.warn("Closing an audit export's cursor failed", e);
                            }
                        })
                .subscribeOn(Schedulers.boundedElastic())
                // One thread reads the next entries from the database while another writes the lines
                // of those before, and the socket takes those before them.
                .publishOn(Schedulers.boundedElastic(), EXPORT_CHUNKS_AHEAD)
                .map(exportFormat::lines);
        Flux<ByteBuf> body = Flux.concat(
                        Mono.fromSupplier(exportFormat::opening),
                        lines,
                        Mono.fromSupplier(() -> exportFormat.closing(plan)))
                .filter(chunk -> chunk.length > 0)
                .limitRate(EXPORT_CHUNKS_AHEAD)
                // Handed to Netty as buffers over the chunks: it writes them without copying (a byte[]
                // body is copied into a new direct buffer first).
                .map(Unpooled::wrappedBuffer);
        String fileName = "audit-" + caller.id() + "-" + plan.checkpointNumber() + "." + exportFormat.extension();
        return HttpResponse.ok((Publisher<ByteBuf>) body)
                .contentType(MediaType.of(exportFormat.mediaType() + ";charset=utf-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .header(CHECKPOINT_HEADER, Long.toString(plan.checkpointNumber()))
                .header(
                        HttpHeaders.LINK,
                        "</v1/audit-events/checkpoints/" + plan.checkpointNumber() + ">; rel=\"checkpoint\"");
    }

    @Get("/checkpoints/{number}")
    @Operation(
            operationId = "getAuditCheckpoint",
            summary = "One of the tenant's signed checkpoints",
            description = "As issued with an export; verify it with the key from /v1/audit-events/signing-key.")
    @ApiResponse(
            responseCode = "200",
            description = "The checkpoint, exactly as signed.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CheckpointDocument.class)))
    @ApiProblems.NotFound
    public HttpResponse<String> checkpoint(
            HttpRequest<?> request,
            @Parameter(
                            description = "The checkpoint's number, as an export named it.",
                            schema = @Schema(type = "integer", format = "int64", minimum = "1"))
                    @PathVariable
                    String number) {
        Principal.Tenancy caller = Principals.tenancyOf(Principals.requireScope(request, ApiScope.AUDIT_READ));
        long parsed;
        try {
            parsed = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw checkpointNotFound(number);
        }
        JsonNode checkpoint = checkpoints.find(caller.id(), parsed).orElseThrow(() -> checkpointNotFound(number));
        return HttpResponse.ok(Checkpoint.text(checkpoint)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get("/signing-key")
    @Operation(
            operationId = "getAuditSigningKey",
            summary = "The public key that signs audit checkpoints",
            description = "Ed25519, as base64 of its X.509 encoding and as PEM. Give this document (or the PEM) to"
                    + " the offline verifier.")
    public SigningKeyView signingKey(HttpRequest<?> request) {
        Principals.requireScope(request, ApiScope.AUDIT_READ);
        SigningKey key = signingKeys.active();
        return new SigningKeyView(
                key.keyId(),
                Ed25519Keys.ALGORITHM,
                Ed25519Keys.encode(key.publicKey()),
                Ed25519Keys.pem(key.publicKey()));
    }

    private static ProblemException checkpointNotFound(String number) {
        return Problems.notFound("checkpoint-not-found", "There is no checkpoint number '" + number + "'.");
    }
}
