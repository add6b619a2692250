package dev.artifacta.server.http;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition} values per RFC 6266: the file name twice, as {@code filename*} in
 * UTF-8 percent-encoding (RFC 8187, formerly 5987) for clients that read it, which is every current
 * browser, and as a quoted ASCII {@code filename} fallback in which anything else (non-ASCII, quotes,
 * backslashes, '%', controls) is '_'. No file name can break the header or inject another one.
 */
public final class ContentDisposition {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ContentDisposition() {}

    /** {@code inline; filename="…"; filename*=UTF-8''…}. */
    public static String inline(String fileName) {
        return "inline; " + parameters(fileName);
    }

    /** {@code attachment; filename="…"; filename*=UTF-8''…}. */
    public static String attachment(String fileName) {
        return "attachment; " + parameters(fileName);
    }

    private static String parameters(String fileName) {
        var fallback = new StringBuilder(fileName.length());
        fileName.codePoints()
                .forEach(c ->
                        fallback.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
        return "filename=\"" + fallback + "\"; filename*=UTF-8''" + percentEncoded(fileName);
    }

    /** RFC 8187's attr-char stays as it is; every other UTF-8 byte becomes %XX. */
    private static String percentEncoded(String value) {
        var out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean attrChar = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (attrChar) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
