package dev.artifacta.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

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

    /** Writes {@code request} (head and whatever part of the body it includes) and reads the answer. */
    public static Response exchange(int port, byte[] request, Duration timeout) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // The server may answer and close before a huge request is fully written.
            }
            return read(socket.getInputStream());
        }
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
