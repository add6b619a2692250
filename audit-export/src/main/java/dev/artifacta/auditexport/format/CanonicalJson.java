package dev.artifacta.auditexport.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.erdtman.jcs.NumberToJSON;

/**
 * The JSON Canonicalization Scheme (RFC 8785): members sorted by their UTF-16 code units, no
 * whitespace, ECMAScript number and string forms. Two documents with the same content have the same
 * canonical bytes whatever the order or spacing they were written in.
 *
 * <p>The tree is written in canonical form directly; numbers take their ECMAScript form from the
 * reference implementation ({@code org.erdtman.jcs}). Writing the document as text and having that
 * implementation parse and write it again gave the same bytes (a test compares the two on every
 * kind of value) at three times the cost, and hashing every audit entry on a replay paid it once
 * per event.
 */
public final class CanonicalJson {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Integers up to this magnitude are exact doubles, and ECMAScript writes them as plain digits. */
    private static final long EXACT_INTEGERS = 1L << 53;

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private CanonicalJson() {}

    /** The canonical UTF-8 bytes of a JSON document. */
    public static byte[] bytes(JsonNode document) {
        Utf8 out = new Utf8(1024);
        write(document, out);
        return out.toByteArray();
    }

    /**
     * The canonical UTF-8 bytes of an object without some of its top-level members, as if they had
     * been removed from a copy.
     */
    public static byte[] bytesWithout(JsonNode object, String... left) {
        if (!object.isObject()) {
            throw new IllegalArgumentException("Not a JSON object: " + object.getNodeType());
        }
        Utf8 out = new Utf8(1024);
        writeObject(object, out, left);
        return out.toByteArray();
    }

    /** The canonical form as text. */
    public static String text(JsonNode document) {
        return new String(bytes(document), StandardCharsets.UTF_8);
    }

    /** The shared mapper for reading and writing export documents. */
    public static ObjectMapper mapper() {
        return JSON;
    }

    static void write(JsonNode node, Utf8 out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out, NONE);
            case ARRAY -> {
                out.ascii('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.ascii(',');
                    }
                    write(node.get(i), out);
                }
                out.ascii(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> writeNumber(node, out);
            case BOOLEAN -> out.ascii(node.booleanValue() ? "true" : "false");
            case NULL -> out.ascii("null");
            default -> throw new IllegalArgumentException("Not a JSON value: " + node.getNodeType());
        }
    }

    private static final String[] NONE = {};

    private static void writeObject(JsonNode node, Utf8 out, String[] left) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!isAny(member.getKey(), left)) {
                members.add(member);
            }
        }
        // String.compareTo orders by UTF-16 code units, as RFC 8785 sorts member names.
        members.sort(Map.Entry.comparingByKey());
        out.ascii('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.ascii(',');
            }
            writeString(members.get(i).getKey(), out);
            out.ascii(':');
            write(members.get(i).getValue(), out);
        }
        out.ascii('}');
    }

    private static boolean isAny(String name, String[] names) {
        for (String candidate : names) {
            if (candidate.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * ECMAScript's JSON.stringify form: the short escapes, other controls as lower-case \\u00xx;
     * {@code null} as JSON null, as a tree holds a null string.
     */
    static void writeString(String value, Utf8 out) {
        if (value == null) {
            out.ascii("null");
            return;
        }
        // Most strings are printable ASCII with no quote or backslash: copied as they are.
        int length = value.length();
        int plain = 0;
        while (plain < length) {
            char c = value.charAt(plain);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                break;
            }
            plain++;
        }
        if (plain == length) {
            out.ascii('"').ascii(value).ascii('"');
            return;
        }
        StringBuilder text = new StringBuilder(length + 16);
        escaped(value, text);
        out.text(text);
    }

    /** The string form with its quotes, as text (encoded to UTF-8 as a whole, surrogate pairs included). */
    private static void escaped(String value, StringBuilder out) {
        out.append('"');
        // The prefix before the first control character, cut at a quote or a backslash in it
        // (String.indexOf finds those with vector instructions), is copied whole.
        int plain = 0;
        while (plain < value.length() && value.charAt(plain) >= 0x20) {
            plain++;
        }
        plain = firstOr(value.indexOf('"', 0, plain), plain);
        plain = firstOr(value.indexOf('\\', 0, plain), plain);
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static int firstOr(int found, int otherwise) {
        return found < 0 ? otherwise : found;
    }

    /** An integer as {@link #writeNumber(JsonNode, Utf8)} writes a long node. */
    static void writeNumber(long value, Utf8 out) {
        if (value > -EXACT_INTEGERS && value < EXACT_INTEGERS) {
            out.ascii(Long.toString(value));
            return;
        }
        try {
            out.ascii(NumberToJSON.serializeNumber((double) value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNumber(JsonNode node, Utf8 out) {
        if (node.canConvertToExactIntegral() && node.canConvertToLong()) {
            long value = node.longValue();
            if (value > -EXACT_INTEGERS && value < EXACT_INTEGERS) {
                out.ascii(Long.toString(value));
                return;
            }
        }
        try {
            out.ascii(NumberToJSON.serializeNumber(node.doubleValue()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Canonical JSON being written, as UTF-8 bytes: most of a document is ASCII and is copied byte
     * for byte; other text is encoded a string at a time. Written into a string first and encoded at
     * the end, the replay and the verifier spent a third of their canonical writing in the builder.
     */
    static final class Utf8 {
        private byte[] bytes;
        private int length;

        Utf8(int capacity) {
            bytes = new byte[capacity];
        }

        /** One ASCII character. */
        Utf8 ascii(char c) {
            room(1);
            bytes[length++] = (byte) c;
            return this;
        }

        /** Text the caller knows to be ASCII only. */
        @SuppressWarnings("deprecation") // the low byte of each char: exactly right for ASCII
        Utf8 ascii(String text) {
            int n = text.length();
            room(n);
            text.getBytes(0, n, bytes, length);
            length += n;
            return this;
        }

        /** Any text, encoded to UTF-8. */
        Utf8 text(CharSequence text) {
            byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, length, utf8.length);
            length += utf8.length;
            return this;
        }

        int length() {
            return length;
        }

        /** Removes the byte at {@code index}. */
        void deleteAt(int index) {
            System.arraycopy(bytes, index + 1, bytes, index, length - index - 1);
            length--;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
            }
        }
    }
}
