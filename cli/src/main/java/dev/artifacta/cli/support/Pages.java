package dev.artifacta.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Arrays;

/** Reads a paged list of the API whole: its pages of 200, following {@code nextCursor} to the last. */
public final class Pages {

    private Pages() {}

    /** Every item of the list at {@code path}, with the query's other names and values. */
    public static ArrayNode all(ApiClient api, String path, String... namesAndValues) {
        ArrayNode items = Json.array();
        String cursor = null;
        do {
            String[] query = Arrays.copyOf(namesAndValues, namesAndValues.length + 4);
            query[namesAndValues.length] = "limit";
            query[namesAndValues.length + 1] = "200";
            query[namesAndValues.length + 2] = "cursor";
            query[namesAndValues.length + 3] = cursor;
            JsonNode page = api.get(path + ApiClient.query(query));
            page.path("items").forEach(items::add);
            String next = page.path("nextCursor").isTextual()
                    ? page.path("nextCursor").asText()
                    : null;
            if (next != null && next.equals(cursor)) {
                throw new IllegalStateException("the server repeated cursor " + next + " for " + path);
            }
            cursor = next;
        } while (cursor != null);
        return items;
    }

    /** The document a list command prints: {@code {items: [...]}}, every page's. */
    public static JsonNode document(ArrayNode items) {
        return Json.object().set("items", items);
    }
}
