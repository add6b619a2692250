package dev.artifacta.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A browser for the sign-in tests: it keeps cookies (per host, as browsers do) and follows
 * redirects only when asked, so a test can look at every hop of the code flow.
 */
public final class Browser {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status, where it redirects, the body. */
    public record Page(int status, Optional<String> location, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }
    }

    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;

    public Browser(String base) {
        this.base = base;
    }

    public Page get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET().header("Accept", "text/html"), null);
    }

    public Page getJson(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET().header("Accept", "application/json"), null);
    }

    /** Follows redirects (absolute or relative) from the answer, as a browser would. */
    public Page follow(Page page) {
        Page current = page;
        int hops = 0;
        while (current.status() / 100 == 3 && current.location().isPresent() && hops++ < 10) {
            current = get(current.location().get());
        }
        return current;
    }

    public Page post(String path, String json, String... headers) {
        var builder = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder, json);
    }

    public Page send(String method, String path, String json, String... headers) {
        var builder = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder, json);
    }

    public Page postForm(String path, String form) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html"),
                form);
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst();
    }

    /** Puts a cookie into this browser, as if the server had set it (a stolen or replayed one). */
    public void setCookie(String name, String value) {
        var cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), cookie);
    }

    public void forget(String name) {
        cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .toList()
                .forEach(c -> cookies.getCookieStore().remove(null, c));
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    /** Sends the request; an exchange with the server under test is held to its OpenAPI document. */
    private Page send(HttpRequest.Builder builder, String body) {
        try {
            HttpRequest request = builder.timeout(Duration.ofSeconds(30)).build();
            Map<String, List<String>> sent =
                    new LinkedHashMap<>(request.headers().map());
            // The cookie handler adds the Cookie header on the way out; the contract check needs it too.
            List<String> cookieHeader = cookies.get(request.uri(), Map.of()).getOrDefault("Cookie", List.of());
            if (!cookieHeader.isEmpty()) {
                sent.put("Cookie", List.of(String.join("; ", cookieHeader)));
            }
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (request.uri().toString().startsWith(base)) {
                Contract.check(new Contract.Exchange(
                        request.method(),
                        request.uri(),
                        sent,
                        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                        response.statusCode(),
                        response.headers().map(),
                        response.body().getBytes(StandardCharsets.UTF_8)));
            }
            return new Page(
                    response.statusCode(), response.headers().firstValue("Location"), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
