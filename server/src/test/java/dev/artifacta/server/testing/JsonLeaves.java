package dev.artifacta.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Variants of a JSON body, each with one leaf changed: how sweeps reach every field. */
public final class JsonLeaves {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLeaves() {}

    /** The JSON pointer of every leaf (string, number, boolean) in the body. */
    public static List<String> leaves(String body) {
        var pointers = new ArrayList<String>();
        collect(read(body), "", pointers);
        return pointers;
    }

    /** The body with the leaf at {@code pointer} replaced by what {@code change} makes of it. */
    public static String replace(String body, String pointer, Function<JsonNode, JsonNode> change) {
        JsonNode root = read(body);
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, change.apply(object.get(last)));
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            array.set(index, change.apply(array.get(index)));
        }
        return root.toString();
    }

    /** The body without the top-level field {@code name}. */
    public static String without(String body, String name) {
        ObjectNode root = (ObjectNode) read(body);
        root.remove(name);
        return root.toString();
    }

    /** The body's top-level field names. */
    public static List<String> fields(String body) {
        var names = new ArrayList<String>();
        read(body).fieldNames().forEachRemaining(names::add);
        return names;
    }

    public static JsonNode text(String value) {
        return JSON.getNodeFactory().textNode(value);
    }

    public static JsonNode parse(String json) {
        return read(json);
    }

    private static void collect(JsonNode node, String pointer, List<String> pointers) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(field -> collect(field.getValue(), pointer + "/" + field.getKey(), pointers));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, pointers);
            }
        } else if (!node.isNull()) {
            pointers.add(pointer);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(body, e);
        }
    }
}
