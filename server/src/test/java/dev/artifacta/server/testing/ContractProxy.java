package dev.artifacta.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A reverse proxy in front of the server under test for clients that are not Java (the Python
 * SDK's tests): it forwards every request unchanged, holds the exchange to the OpenAPI document
 * ({@link Contract}) and keeps the drift it finds, so that the test can fail on it when the client
 * is done. The client's own answer is never altered.
 */
public final class ContractProxy implements AutoCloseable {

    /** Hop-by-hop headers, and those the JDK's HTTP client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection", "content-length", "host", "keep-alive", "transfer-encoding", "upgrade", "expect", "te");

    private final HttpServer proxy;
    private final URI target;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final List<String> drift = Collections.synchronizedList(new ArrayList<>());

    /** Starts a proxy on a free port of 127.0.0.1 that forwards to {@code target} (scheme, host, port). */
    public ContractProxy(URI target) throws IOException {
        this.target = target;
        this.proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.setExecutor(Executors.newFixedThreadPool(4));
        proxy.createContext("/", this::forward);
        proxy.start();
    }

    /** Where clients should send their requests. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + proxy.getAddress().getPort());
    }

    /** What the exchanges so far got wrong, one entry per exchange; empty when the contract held. */
    public List<String> drift() {
        synchronized (drift) {
            return List.copyOf(drift);
        }
    }

    @Override
    public void close() {
        proxy.stop(0);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = target.resolve(exchange.getRequestURI().toString());
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMinutes(2))
                    .method(
                            exchange.getRequestMethod(),
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            Map<String, List<String>> sent = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
                sent.put(name, values);
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            try {
                Contract.check(new Contract.Exchange(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI(),
                        sent,
                        body,
                        response.statusCode(),
                        response.headers().map(),
                        response.body()));
            } catch (AssertionError disagreement) {
                drift.add(disagreement.getMessage());
            }
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            boolean empty = answer.length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : answer.length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }
}
