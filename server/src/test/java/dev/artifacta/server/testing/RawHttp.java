package dev.artifacta.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what a well-behaved client cannot send: a body that is
 * announced but never sent, a header of a megabyte. Reads the response until the server closes the
 * connection or the body announced by Content-Length has arrived.
 */
public final class RawHttp {

    /** What came back; {@code status} is 0 when nothing did within the timeout. */
    public record Response(int status, String head, String body) {

        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {}

    /**
     * Writes {@code request} (head and whatever part of the body it includes) and reads the answer,
     * which is held to the OpenAPI document ({@link Contract}) when one came.
     */
    public static Response exchange(int port, byte[] request, Duration timeout) throws IOException {
        Response response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // The server may answer and close before a huge request is fully written.
            }
            response = read(socket.getInputStream());
        }
        if (response.status() != 0) {
            check(request, response);
        }
        return response;
    }

    private static void check(byte[] request, Response response) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] head = (end < 0 ? text : text.substring(0, end)).split("\r\n");
        String[] requestLine = head[0].split(" ");
        byte[] body = end < 0 ? new byte[0] : Arrays.copyOfRange(request, end + 4, request.length);
        URI target;
        try {
            target = URI.create(requestLine[1]);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException notATarget) {
            return; // a target no route can match: there is no operation to hold the answer to
        }
        List<String> answer = Arrays.asList(response.head().split("\r\n"));
        Map<String, List<String>> responseHeaders = headers(answer.subList(1, answer.size()));
        boolean chunked = responseHeaders.entrySet().stream()
                .anyMatch(header -> header.getKey().equalsIgnoreCase("Transfer-Encoding")
                        && header.getValue().contains("chunked"));
        Contract.check(new Contract.Exchange(
                requestLine[0],
                target,
                headers(Arrays.asList(head).subList(1, head.length)),
                body,
                response.status(),
                responseHeaders,
                (chunked ? dechunk(response.body()) : response.body()).getBytes(StandardCharsets.UTF_8)));
    }

    /** The body of a chunked answer without its chunk sizes. */
    private static String dechunk(String body) {
        var text = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size =
                    Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            text.append(body, start, Math.min(body.length(), start + size));
            at = start + size + 2;
        }
        return text.toString();
    }

    private static Map<String, List<String>> headers(List<String> lines) {
        var headers = new LinkedHashMap<String, List<String>>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    public static Response exchange(int port, String request, Duration timeout) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.UTF_8), timeout);
    }

    private static Response read(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, n);
                if (complete(bytes.toString(StandardCharsets.UTF_8))) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // Whatever arrived before the timeout or the reset is the answer.
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || end < 0) {
            return new Response(0, text, "");
        }
        String head = text.substring(0, end);
        int status = Integer.parseInt(head.substring(9, 12));
        return new Response(status, head, text.substring(end + 4));
    }

    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        int at = head.indexOf("\r\ncontent-length:");
        if (at < 0) {
            return false;
        }
        int lineEnd = head.indexOf("\r\n", at + 2);
        String value =
                head.substring(at + 17, lineEnd < 0 ? head.length() : lineEnd).trim();
        return text.length() - end - 4 >= Integer.parseInt(value);
    }
}
