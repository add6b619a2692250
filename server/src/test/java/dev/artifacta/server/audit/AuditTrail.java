package dev.artifacta.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.Tables;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

/** Reads of the audit trail shared by the audit tests: pages, whole walks and the stored hash chain. */
final class AuditTrail {

    static final String GENESIS = "0".repeat(64);

    private AuditTrail() {}

    static ApiResponse page(Api api, String key, String query) {
        return api.get("/v1/audit-events" + query, key);
    }

    static List<JsonNode> items(ApiResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("items").spliterator(), false)
                .toList();
    }

    /** One page of at most 200 entries, asserting there is no further page. */
    static List<JsonNode> all(Api api, String key, String query) {
        String separator = query.isEmpty() ? "?" : "&";
        ApiResponse response = page(api, key, query + separator + "limit=200");
        List<JsonNode> items = items(response);
        assertThat(response.json().get("nextCursor").isNull())
                .as("fits one page: " + query)
                .isTrue();
        return items;
    }

    static List<String> eventIds(List<JsonNode> items) {
        return items.stream().map(e -> e.get("id").asText()).toList();
    }

    static String nextCursor(ApiResponse response) {
        JsonNode next = response.json().get("nextCursor");
        return next == null || next.isNull() ? null : next.asText();
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Polls until the tenant's trail satisfies {@code done}, for events no request waits for (refusals). */
    static List<JsonNode> awaitTrail(Api api, String key, String query, Predicate<List<JsonNode>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<JsonNode> items;
        do {
            items = all(api, key, query);
            if (done.test(items)) {
                return items;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return items;
    }

    /** The tenant's stored audit rows in chain order. */
    static List<Map<String, Object>> chainRows(Tables tables, String tenantId) {
        return tables.rows("SELECT a.sequence, a.previous_hash, a.hash, a.event_id, e.global_index, a.occurred_at"
                + " FROM audit_log a JOIN domain_event_entry e ON e.event_identifier = a.event_id"
                + " WHERE a.tenant_id = '" + tenantId + "' ORDER BY a.sequence");
    }

    static Map<String, Object> head(Tables tables, String tenantId) {
        List<Map<String, Object>> rows = tables.rows("SELECT tenant_id, plan, last_sequence, last_hash,"
                + " last_occurred_at FROM audit_tenant WHERE tenant_id = '" + tenantId + "'");
        assertThat(rows).as("audit_tenant row of " + tenantId).hasSize(1);
        return rows.getFirst();
    }

    /**
     * Asserts the tenant's stored rows are one unbroken chain: sequences {@code firstSequence..n}
     * without gaps, the first chaining from {@code firstPreviousHash}, each next one from the hash of
     * the one before, and the chain head in audit_tenant naming the last row.
     */
    static List<Map<String, Object>> assertChain(
            Tables tables, String tenantId, long firstSequence, String firstPreviousHash) {
        List<Map<String, Object>> rows = chainRows(tables, tenantId);
        assertThat(rows).as("stored rows of " + tenantId).isNotEmpty();
        List<Long> sequences = new ArrayList<>();
        String previous = firstPreviousHash;
        for (Map<String, Object> row : rows) {
            sequences.add(((Number) row.get("sequence")).longValue());
            assertThat(row.get("previous_hash"))
                    .as("previous_hash of sequence " + row.get("sequence") + " of " + tenantId)
                    .isEqualTo(previous);
            assertThat((String) row.get("hash")).matches("[0-9a-f]{64}").isNotEqualTo(previous);
            previous = (String) row.get("hash");
        }
        List<Long> expected = new ArrayList<>();
        for (long s = firstSequence; s < firstSequence + rows.size(); s++) {
            expected.add(s);
        }
        assertThat(sequences).as("sequences of " + tenantId).containsExactlyElementsOf(expected);
        Map<String, Object> head = head(tables, tenantId);
        assertThat(((Number) head.get("last_sequence")).longValue()).isEqualTo(expected.getLast());
        assertThat(head.get("last_hash")).isEqualTo(previous);
        return rows;
    }
}
