package dev.artifacta.auditexport.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The document of one audit entry: what is hashed, and (with {@code previousHash} and
 * {@code hash}) one line of a JSON Lines export. Absent optional values are left out rather than
 * written as null, so a CSV export (where they are empty cells) rebuilds the same document.
 *
 * <pre>{@code
 * {"tenantId", "sequence", "eventId", "occurredAt", "action",
 *  "actor": {"type", "id", "displayName", "keyId"?, "keyName"?, "identity"?: {"type", "name"?}},
 *  "resource": {"type", "id"},
 *  "request": {"id"?, "clientAddress"?, "userAgent"?},
 *  "details": {...}}
 * }</pre>
 */
public final class EntryDocument {

    public static final String PREVIOUS_HASH = "previousHash";
    public static final String HASH = "hash";
    public static final String SEQUENCE = "sequence";
    public static final String TENANT_ID = "tenantId";
    public static final String OCCURRED_AT = "occurredAt";

    /** The CSV columns, in order; each maps one-to-one onto a value of the document. */
    public static final List<String> CSV_COLUMNS = List.of(
            "sequence",
            "previousHash",
            "hash",
            "tenantId",
            "eventId",
            "occurredAt",
            "action",
            "actorType",
            "actorId",
            "actorDisplayName",
            "actorKeyId",
            "actorKeyName",
            "actorIdentityType",
            "actorIdentityName",
            "resourceType",
            "resourceId",
            "requestId",
            "clientAddress",
            "userAgent",
            "details");

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private EntryDocument() {}

    /**
     * An entry's time as it appears in the document: UTC, always six fraction digits (further digits
     * cut off), as {@link #TIME} writes it. Years 0 to 9999 are written digit by digit, which costs a
     * small part of what the formatter does (it was a twelfth of the export's line writing); the
     * formatter writes the others, whose year takes a sign or a fifth digit. The query side's
     * {@code CopyText.time} writes the same text for the view's {@code COPY}, rounding as PostgreSQL
     * does; it is not shared because this package ships in the verifier, which must not need the
     * query side. The audit view truncates its times to microseconds first, so the two agree.
     */
    public static String time(Instant instant) {
        long seconds = instant.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return TIME.format(instant);
        }
        int second = (int) Math.floorMod(seconds, 86_400L);
        byte[] text = new byte[27];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, second / 3600, 2);
        text[13] = ':';
        digits(text, 14, second / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, second % 60, 2);
        text[19] = '.';
        digits(text, 20, instant.getNano() / 1000, 6);
        text[26] = 'Z';
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** {@code value} in {@code width} decimal digits, zero-padded, from {@code at}. */
    private static void digits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The document of an entry (without its hashes); empty optional values are left out. */
    public static ObjectNode build(
            String tenantId,
            long sequence,
            String eventId,
            String occurredAt,
            String action,
            String actorType,
            String actorId,
            String actorDisplayName,
            String actorKeyId,
            String actorKeyName,
            String actorIdentityType,
            String actorIdentityName,
            String resourceType,
            String resourceId,
            String requestId,
            String clientAddress,
            String userAgent,
            String detailsJson) {
        ObjectNode entry = CanonicalJson.JSON.createObjectNode();
        entry.put(TENANT_ID, tenantId);
        entry.put(SEQUENCE, sequence);
        entry.put("eventId", eventId);
        entry.put(OCCURRED_AT, occurredAt);
        entry.put("action", action);
        ObjectNode actor = entry.putObject("actor");
        actor.put("type", actorType);
        actor.put("id", actorId);
        actor.put("displayName", actorDisplayName);
        optional(actor, "keyId", actorKeyId);
        optional(actor, "keyName", actorKeyName);
        if (present(actorIdentityType)) {
            ObjectNode identity = actor.putObject("identity");
            identity.put("type", actorIdentityType);
            optional(identity, "name", actorIdentityName);
        }
        ObjectNode resource = entry.putObject("resource");
        resource.put("type", resourceType);
        resource.put("id", resourceId);
        ObjectNode request = entry.putObject("request");
        optional(request, "id", requestId);
        optional(request, "clientAddress", clientAddress);
        optional(request, "userAgent", userAgent);
        entry.set("details", parseDetails(detailsJson));
        return entry;
    }

    /**
     * The canonical bytes ({@link CanonicalJson}) of the document {@link #build} makes from the same
     * values, written directly in canonical member order without a tree: what the chain hashes, for
     * the audit view's hot loop (a replay hashes every event). The two must stay alike field for
     * field (ExportFormatTest compares their bytes).
     */
    public static byte[] canonicalBytes(
            String tenantId,
            long sequence,
            String eventId,
            String occurredAt,
            String action,
            String actorType,
            String actorId,
            String actorDisplayName,
            String actorKeyId,
            String actorKeyName,
            String actorIdentityType,
            String actorIdentityName,
            String resourceType,
            String resourceId,
            String requestId,
            String clientAddress,
            String userAgent,
            String detailsJson) {
        // Members in the order of their names' UTF-16 code units, as RFC 8785 sorts them.
        CanonicalJson.Utf8 out = new CanonicalJson.Utf8(512);
        out.ascii("{\"action\":");
        CanonicalJson.writeString(action, out);
        out.ascii(",\"actor\":{\"displayName\":");
        CanonicalJson.writeString(actorDisplayName, out);
        out.ascii(",\"id\":");
        CanonicalJson.writeString(actorId, out);
        if (present(actorIdentityType)) {
            out.ascii(",\"identity\":{");
            if (present(actorIdentityName)) {
                out.ascii("\"name\":");
                CanonicalJson.writeString(actorIdentityName, out);
                out.ascii(',');
            }
            out.ascii("\"type\":");
            CanonicalJson.writeString(actorIdentityType, out);
            out.ascii('}');
        }
        canonicalOptional(out, ",\"keyId\":", actorKeyId);
        canonicalOptional(out, ",\"keyName\":", actorKeyName);
        out.ascii(",\"type\":");
        CanonicalJson.writeString(actorType, out);
        out.ascii("},\"details\":");
        CanonicalJson.write(parseDetails(detailsJson), out);
        out.ascii(",\"eventId\":");
        CanonicalJson.writeString(eventId, out);
        out.ascii(",\"occurredAt\":");
        CanonicalJson.writeString(occurredAt, out);
        out.ascii(",\"request\":{");
        int empty = out.length();
        canonicalOptional(out, ",\"clientAddress\":", clientAddress);
        canonicalOptional(out, ",\"id\":", requestId);
        canonicalOptional(out, ",\"userAgent\":", userAgent);
        if (out.length() > empty) {
            out.deleteAt(empty); // the first member's comma
        }
        out.ascii("},\"resource\":{\"id\":");
        CanonicalJson.writeString(resourceId, out);
        out.ascii(",\"type\":");
        CanonicalJson.writeString(resourceType, out);
        out.ascii("},\"sequence\":");
        CanonicalJson.writeNumber(sequence, out);
        out.ascii(",\"tenantId\":");
        CanonicalJson.writeString(tenantId, out);
        out.ascii('}');
        return out.toByteArray();
    }

    private static void canonicalOptional(CanonicalJson.Utf8 out, String member, String value) {
        if (present(value)) {
            out.ascii(member);
            CanonicalJson.writeString(value, out);
        }
    }

    /**
     * The fields {@link #build} makes, in its order and leaving out what it leaves out, written
     * straight to a generator inside an object the caller opened: the export writes its lines so,
     * without a tree or a string per value. Each value is UTF-8 text (null for none) as the database
     * holds it, escaped by the generator as it escapes a string; the details are copied token by
     * token from their stored JSON. The two must stay alike field for field (ExportFormatTest
     * compares their bytes).
     */
    public static void writeFields(
            JsonGenerator out,
            byte[] tenantId,
            long sequence,
            byte[] eventId,
            String occurredAt,
            byte[] action,
            byte[] actorType,
            byte[] actorId,
            byte[] actorDisplayName,
            byte[] actorKeyId,
            byte[] actorKeyName,
            byte[] actorIdentityType,
            byte[] actorIdentityName,
            byte[] resourceType,
            byte[] resourceId,
            byte[] requestId,
            byte[] clientAddress,
            byte[] userAgent,
            byte[] detailsJson)
            throws IOException {
        string(out, Names.TENANT_ID, tenantId);
        out.writeFieldName(Names.SEQUENCE);
        out.writeNumber(sequence);
        string(out, Names.EVENT_ID, eventId);
        out.writeFieldName(Names.OCCURRED_AT);
        out.writeString(occurredAt);
        string(out, Names.ACTION, action);
        out.writeFieldName(Names.ACTOR);
        out.writeStartObject();
        string(out, Names.TYPE, actorType);
        string(out, Names.ID, actorId);
        string(out, Names.DISPLAY_NAME, actorDisplayName);
        optional(out, Names.KEY_ID, actorKeyId);
        optional(out, Names.KEY_NAME, actorKeyName);
        if (present(actorIdentityType)) {
            out.writeFieldName(Names.IDENTITY);
            out.writeStartObject();
            string(out, Names.TYPE, actorIdentityType);
            optional(out, Names.NAME, actorIdentityName);
            out.writeEndObject();
        }
        out.writeEndObject();
        out.writeFieldName(Names.RESOURCE);
        out.writeStartObject();
        string(out, Names.TYPE, resourceType);
        string(out, Names.ID, resourceId);
        out.writeEndObject();
        out.writeFieldName(Names.REQUEST);
        out.writeStartObject();
        optional(out, Names.ID, requestId);
        optional(out, Names.CLIENT_ADDRESS, clientAddress);
        optional(out, Names.USER_AGENT, userAgent);
        out.writeEndObject();
        out.writeFieldName(Names.DETAILS);
        try (JsonParser details = detailsJson == null
                ? CanonicalJson.JSON.createParser("{}")
                : CanonicalJson.JSON.createParser(detailsJson)) {
            if (details.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("details must be a JSON object");
            }
            out.copyCurrentStructure(details);
        }
    }

    /** The field names {@link #writeFields} writes, quoted and encoded once. */
    private static final class Names {
        static final SerializedString TENANT_ID = new SerializedString(EntryDocument.TENANT_ID);
        static final SerializedString SEQUENCE = new SerializedString(EntryDocument.SEQUENCE);
        static final SerializedString EVENT_ID = new SerializedString("eventId");
        static final SerializedString OCCURRED_AT = new SerializedString(EntryDocument.OCCURRED_AT);
        static final SerializedString ACTION = new SerializedString("action");
        static final SerializedString ACTOR = new SerializedString("actor");
        static final SerializedString TYPE = new SerializedString("type");
        static final SerializedString ID = new SerializedString("id");
        static final SerializedString DISPLAY_NAME = new SerializedString("displayName");
        static final SerializedString KEY_ID = new SerializedString("keyId");
        static final SerializedString KEY_NAME = new SerializedString("keyName");
        static final SerializedString IDENTITY = new SerializedString("identity");
        static final SerializedString NAME = new SerializedString("name");
        static final SerializedString RESOURCE = new SerializedString("resource");
        static final SerializedString REQUEST = new SerializedString("request");
        static final SerializedString CLIENT_ADDRESS = new SerializedString("clientAddress");
        static final SerializedString USER_AGENT = new SerializedString("userAgent");
        static final SerializedString DETAILS = new SerializedString("details");

        private Names() {}
    }

    /** A field with a UTF-8 string value, written as {@code ObjectNode.put} writes one: null as JSON null. */
    public static void string(JsonGenerator out, SerializedString field, byte[] utf8) throws IOException {
        out.writeFieldName(field);
        if (utf8 == null) {
            out.writeNull();
        } else {
            out.writeUTF8String(utf8, 0, utf8.length);
        }
    }

    private static void optional(JsonGenerator out, SerializedString field, byte[] utf8) throws IOException {
        if (present(utf8)) {
            string(out, field, utf8);
        }
    }

    private static boolean present(byte[] value) {
        return value != null && value.length > 0;
    }

    /** The CSV cells of an export line (entry document plus hashes), in {@link #CSV_COLUMNS} order. */
    public static List<String> csvCells(ObjectNode line) {
        JsonNode actor = line.path("actor");
        JsonNode identity = actor.path("identity");
        JsonNode resource = line.path("resource");
        JsonNode request = line.path("request");
        return java.util.Arrays.asList(
                line.path(SEQUENCE).asText(),
                text(line, PREVIOUS_HASH),
                text(line, HASH),
                text(line, TENANT_ID),
                text(line, "eventId"),
                text(line, OCCURRED_AT),
                text(line, "action"),
                text(actor, "type"),
                text(actor, "id"),
                text(actor, "displayName"),
                text(actor, "keyId"),
                text(actor, "keyName"),
                text(identity, "type"),
                text(identity, "name"),
                text(resource, "type"),
                text(resource, "id"),
                text(request, "id"),
                text(request, "clientAddress"),
                text(request, "userAgent"),
                line.path("details").toString());
    }

    /**
     * The export line a CSV record stands for (entry document plus hashes).
     *
     * @throws IllegalArgumentException if a cell cannot be read (a sequence that is not a number,
     *     details that are not a JSON object)
     */
    public static ObjectNode fromCsv(java.util.function.Function<String, String> cell) {
        long sequence;
        try {
            sequence = Long.parseLong(cell.apply("sequence"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sequence is not a number");
        }
        ObjectNode entry = build(
                cell.apply("tenantId"),
                sequence,
                cell.apply("eventId"),
                cell.apply("occurredAt"),
                cell.apply("action"),
                cell.apply("actorType"),
                cell.apply("actorId"),
                cell.apply("actorDisplayName"),
                cell.apply("actorKeyId"),
                cell.apply("actorKeyName"),
                cell.apply("actorIdentityType"),
                cell.apply("actorIdentityName"),
                cell.apply("resourceType"),
                cell.apply("resourceId"),
                cell.apply("requestId"),
                cell.apply("clientAddress"),
                cell.apply("userAgent"),
                cell.apply("details"));
        entry.put(PREVIOUS_HASH, cell.apply("previousHash"));
        entry.put(HASH, cell.apply("hash"));
        return entry;
    }

    private static JsonNode parseDetails(String detailsJson) {
        try {
            JsonNode details = CanonicalJson.JSON.readTree(detailsJson == null ? "{}" : detailsJson);
            if (details == null || !details.isObject()) {
                throw new IllegalArgumentException("details must be a JSON object");
            }
            return details;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("details must be a JSON object", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    private static void optional(ObjectNode node, String field, String value) {
        if (present(value)) {
            node.put(field, value);
        }
    }
}
