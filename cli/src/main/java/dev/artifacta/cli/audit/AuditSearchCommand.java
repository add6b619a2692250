package dev.artifacta.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.ApiClient;
import dev.artifacta.cli.support.ApiCommand;
import dev.artifacta.cli.support.CliException;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code artifacta audit search}: GET /v1/audit-events with its filters, following
 * {@code nextCursor} until the last page (or {@code --limit}).
 */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = "Search the audit trail, newest first; every page is fetched.")
public final class AuditSearchCommand extends ApiCommand {

    private static final Set<String> ACTOR_TYPES = Set.of("user", "api_key", "agent", "share_link", "service");

    @Option(
            names = "--key-name",
            paramLabel = "NAME",
            description = "the acting key's name when the event happened (finds renamed and revoked keys)")
    String keyName;

    @Option(names = "--key-id", paramLabel = "ID", description = "the acting key's id")
    String keyId;

    @Option(
            names = "--actor",
            paramLabel = "TYPE[:ID]|ID",
            description = "actor type (user, api_key, agent, share_link, service), optionally with :id; or an actor id")
    String actor;

    @Option(
            names = "--action",
            paramLabel = "ACTION",
            description = "exact (api_key.created) or a prefix ending in a dot (artifact.)")
    String action;

    @Option(names = "--resource", paramLabel = "TYPE[:ID]", description = "resource type, optionally with :id")
    String resource;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "from this time on (inclusive): ISO-8601, a date, or an age such as 24h or 7d")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "before this time (exclusive), same forms")
    String until;

    @Option(names = "--order", paramLabel = "ORDER", description = "desc (newest first, default) or asc")
    String order;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "at most N entries (default: all)")
    int limit;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            defaultValue = "200",
            description = "entries per request, 1 to 200 (default: ${DEFAULT-VALUE})")
    int pageSize;

    @Override
    public Integer call() {
        if (pageSize < 1 || pageSize > 200) {
            throw new CliException(ExitCodes.USAGE, "--page-size must be between 1 and 200");
        }
        Instant now = Instant.now();
        String actorType = null;
        String actorId = null;
        if (actor != null) {
            String[] parts = actor.split(":", 2);
            if (ACTOR_TYPES.contains(parts[0])) {
                actorType = parts[0];
                actorId = parts.length > 1 ? parts[1] : null;
            } else {
                actorId = actor;
            }
        }
        String resourceType = null;
        String resourceId = null;
        if (resource != null) {
            String[] parts = resource.split(":", 2);
            resourceType = parts[0].isEmpty() ? null : parts[0];
            resourceId = parts.length > 1 ? parts[1] : null;
        }
        String from = since == null ? null : Times.instantOrAge("--since", since, now);
        String to = until == null ? null : Times.instantOrAge("--until", until, now);

        ArrayNode items = Json.array();
        String cursor = null;
        do {
            int size = limit > 0 ? Math.min(pageSize, limit - items.size()) : pageSize;
            JsonNode page = api().get("/v1/audit-events"
                    + ApiClient.query(
                            "keyName", keyName,
                            "keyId", keyId,
                            "actorType", actorType,
                            "actorId", actorId,
                            "action", action,
                            "resourceType", resourceType,
                            "resourceId", resourceId,
                            "from", from,
                            "to", to,
                            "order", order,
                            "limit", String.valueOf(size),
                            "cursor", cursor));
            page.path("items").forEach(items::add);
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null && (limit <= 0 || items.size() < limit));

        if (output().json()) {
            var result = Json.object();
            result.set("items", items);
            output().json(result);
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode entry : items) {
            String key = Json.text(entry, "actor", "keyName");
            rows.add(List.of(
                    Json.text(entry, "occurredAt"),
                    Json.text(entry, "action"),
                    Json.text(entry, "actor", "displayName"),
                    key,
                    Json.text(entry, "resource", "type") + ":" + Json.text(entry, "resource", "id")));
        }
        output().rows(List.of("TIME", "ACTION", "ACTOR", "KEY", "RESOURCE"), rows);
        return ExitCodes.OK;
    }
}
