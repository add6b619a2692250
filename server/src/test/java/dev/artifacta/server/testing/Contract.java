package dev.artifacta.server.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Holds the HTTP tests' traffic to the OpenAPI document the build generates (the one the server
 * publishes at /openapi/artifacta-v1.yml), with Atlassian's swagger-request-validator.
 *
 * <p>Every response is checked against its operation: a status the document does not list (nor
 * its {@code default}), a body or a required header that does not match, is drift. A request is
 * checked when the server accepted it (below 400): tests send bad input on purpose, and a refusal
 * is the server doing its job, but a request the document forbids and the server served is drift
 * too. A request to a path or method the document does not have is drift only when it was served.
 * Drift fails the test that caused it, with the validator's messages.
 *
 * <p>Where the validator reads less than OpenAPI says, the document is read as OpenAPI says: an
 * operation without its own {@code security} takes the top-level one, and an empty value of a query
 * parameter documented {@code allowEmptyValue} stands for none. The Accept check is off, since
 * the server answers every operation's one representation whatever Accept asks for.
 *
 * <p>Clients: {@link Api} and {@link RawHttp} check every exchange, {@link Browser} those with the
 * server under test, {@link ContractProxy} those of clients that are not Java, and tests that use
 * {@link java.net.http.HttpClient} themselves call {@link #check(java.net.http.HttpRequest, String,
 * java.net.http.HttpResponse, byte[])}.
 */
public final class Contract {

    private static final String DOCUMENT = "META-INF/swagger/artifacta-v1.yml";

    /** Served by the server, but the document itself rather than an operation of it. */
    private static final String OPENAPI_FILES = "/openapi/";

    private static final Set<String> UNKNOWN_ROUTE =
            Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    /** One exchange as a client saw it. Headers by name; the body as sent and received. */
    public record Exchange(
            String method,
            URI uri,
            Map<String, List<String>> requestHeaders,
            byte[] requestBody,
            int status,
            Map<String, List<String>> responseHeaders,
            byte[] responseBody) {}

    private static final class Holder {
        static final OpenAPI API = document();
        static final ApiOperationResolver OPERATIONS = new ApiOperationResolver(API, null, false);
        static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator.createFor(API)
                // The server answers an operation's one representation whatever Accept asks for, never
                // 406 (RFC 9110 lets it disregard the header); what it answers is still held to the
                // document's media types. The validator would call raw content (*/*, or a problem)
                // asked for as application/json a request the document forbids.
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.accept.notAllowed", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    private Contract() {}

    /** Checks one exchange with the server under test; throws {@link AssertionError} on drift. */
    public static void check(Exchange exchange) {
        String path = exchange.uri().getRawPath();
        if (path.startsWith(OPENAPI_FILES) || isProtocolRoute(path)) {
            return;
        }
        Request.Method method = Request.Method.valueOf(exchange.method().toUpperCase(Locale.ROOT));
        SimpleResponse response = response(exchange);
        boolean accepted = exchange.status() < 400;
        ValidationReport report = accepted
                ? Holder.VALIDATOR.validate(request(exchange, method, path), response)
                : Holder.VALIDATOR.validateResponse(path, method, response);
        List<ValidationReport.Message> drift = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .filter(message -> accepted || !UNKNOWN_ROUTE.contains(message.getKey()))
                .toList();
        if (!drift.isEmpty()) {
            throw new AssertionError("The server and its OpenAPI document (" + DOCUMENT + ") disagree on "
                    + exchange.method() + " " + exchange.uri() + " -> " + exchange.status() + ":\n"
                    + SimpleValidationReportFormat.getInstance().apply(ValidationReport.from(drift))
                    + "\nResponse body: " + preview(exchange.responseBody()));
        }
    }

    /**
     * Routes outside the API's document on purpose: the OAuth protocol endpoints and MCP answer in
     * their own specifications' formats (RFC 6749 errors, JSON-RPC), not problems, and the console
     * answers HTML; their own tests hold them to those.
     */
    private static boolean isProtocolRoute(String path) {
        return path.startsWith("/oauth/")
                || path.startsWith("/.well-known/")
                || path.equals("/mcp")
                || path.startsWith("/console")
                || path.equals("/");
    }

    /** Checks an exchange made with {@link java.net.http.HttpClient}; {@code requestBody} as sent, or null. */
    public static void check(
            java.net.http.HttpRequest request,
            String requestBody,
            java.net.http.HttpResponse<?> response,
            byte[] responseBody) {
        check(new Exchange(
                request.method(),
                request.uri(),
                request.headers().map(),
                requestBody == null ? null : requestBody.getBytes(StandardCharsets.UTF_8),
                response.statusCode(),
                response.headers().map(),
                responseBody));
    }

    private static SimpleRequest request(Exchange exchange, Request.Method method, String path) {
        var builder = new SimpleRequest.Builder(method, path);
        exchange.requestHeaders().forEach(builder::withHeader);
        String query = exchange.uri().getRawQuery();
        if (query != null && !query.isEmpty()) {
            Set<String> emptyAllowed = emptyAllowed(path, method);
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (value.isEmpty() && emptyAllowed.contains(name)) {
                    continue; // documented allowEmptyValue: an empty value stands for none
                }
                builder.withQueryParam(name, value);
            }
        }
        if (exchange.requestBody() != null && exchange.requestBody().length > 0) {
            builder.withBody(exchange.requestBody());
        }
        return builder.build();
    }

    /**
     * The query parameters of the operation that document {@code allowEmptyValue}: the validator
     * honours that only for strings, where OpenAPI says it for any query parameter.
     */
    private static Set<String> emptyAllowed(String path, Request.Method method) {
        ApiOperationMatch match = Holder.OPERATIONS.findApiOperation(path, method);
        if (!match.isPathFound() || !match.isOperationAllowed()) {
            return Set.of();
        }
        List<Parameter> parameters = match.getApiOperation().getOperation().getParameters();
        return parameters == null
                ? Set.of()
                : parameters.stream()
                        .filter(parameter -> "query".equals(parameter.getIn())
                                && Boolean.TRUE.equals(parameter.getAllowEmptyValue()))
                        .map(Parameter::getName)
                        .collect(Collectors.toSet());
    }

    private static SimpleResponse response(Exchange exchange) {
        var builder = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().forEach(builder::withHeader);
        if (exchange.responseBody() != null && exchange.responseBody().length > 0) {
            builder.withBody(exchange.responseBody());
        }
        return builder.build();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    private static String preview(byte[] body) {
        if (body == null) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }

    /**
     * The document, parsed as the validator would, with the top-level security applied to every
     * operation that states none: OpenAPI says such an operation inherits it, but the validator
     * checks only an operation's own, and would let a request without credentials through.
     */
    private static OpenAPI document() {
        String text;
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the class path: the build generates it");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(text, null, options);
        OpenAPI api = parsed.getOpenAPI();
        if (api == null) {
            throw new IllegalStateException(DOCUMENT + " does not parse: " + parsed.getMessages());
        }
        api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getSecurity() == null) {
                operation.setSecurity(api.getSecurity());
            }
        }));
        return api;
    }
}
