package dev.artifacta.server.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.auth.OAuthSettings;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The MCP server at {@code /mcp}: the SDK's stateless server (streamable HTTP, each POST a JSON-RPC
 * request answered with one JSON response; no session, no server-sent stream) behind this
 * controller, so authentication, request ids and limits are the API's. Only an OAuth access token
 * gets in; without one the answer is 401 with {@code WWW-Authenticate} pointing at the
 * protected-resource metadata (RFC 9728), which is how an MCP client finds the authorization
 * server. The tools are {@link McpTools}. A protocol endpoint: its wire format is JSON-RPC, so it
 * stays out of the OpenAPI document.
 */
@Controller("/mcp")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class McpEndpoint implements McpStatelessServerTransport {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final JacksonMcpJsonMapper MCP_JSON = new JacksonMcpJsonMapper(JSON);

    private final OAuthSettings settings;
    private final McpStatelessSyncServer server;
    private volatile McpStatelessServerHandler handler;

    public McpEndpoint(OAuthSettings settings, McpTools tools) {
        this.settings = settings;
        this.server = McpServer.sync(this)
                .serverInfo("artifacta", "1")
                .instructions("Artifacta stores versioned artifacts (documents, reports, files) in projects."
                        + " Use list_projects and list_artifacts to find one, read_artifact to read it,"
                        + " push_version to change it, and search_audit_log to see who did what.")
                .jsonMapper(MCP_JSON)
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools.all())
                .build();
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler mcpHandler) {
        this.handler = mcpHandler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    @PreDestroy
    void shutdown() {
        server.close();
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<String> post(HttpRequest<?> request, @Nullable @Body String body) throws Exception {
        requireToken(request);
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(MCP_JSON, body == null ? "" : body);
        } catch (RuntimeException | java.io.IOException notJsonRpc) {
            return jsonRpcError(null, McpSchema.ErrorCodes.PARSE_ERROR, "Not a JSON-RPC message.");
        }
        McpTransportContext context = McpTransportContext.create(Map.of(McpTools.REQUEST, request));
        if (message instanceof McpSchema.JSONRPCRequest call) {
            McpSchema.JSONRPCResponse response = handler.handleRequest(context, call)
                    .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                    .block();
            return HttpResponse.ok(MCP_JSON.writeValueAsString(response));
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            handler.handleNotification(context, notification)
                    .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                    .block();
            return HttpResponse.accepted();
        }
        return jsonRpcError(null, McpSchema.ErrorCodes.INVALID_REQUEST, "Send a request or a notification.");
    }

    /** No server-sent stream: this server answers each request in its response. */
    @Get
    public HttpResponse<?> stream(HttpRequest<?> request) {
        requireToken(request);
        return HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST");
    }

    /** No sessions to end. */
    @Delete
    public HttpResponse<?> end(HttpRequest<?> request) {
        requireToken(request);
        return HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST");
    }

    private void requireToken(HttpRequest<?> request) {
        if (!(Principals.of(request) instanceof Principal.OAuthClient)) {
            throw new ProblemException(
                    Problem.of(
                            "unauthenticated",
                            "Unauthenticated",
                            401,
                            "The MCP server needs an OAuth access token: 'Authorization: Bearer <token>' from the"
                                    + " authorization server named in the protected-resource metadata."),
                    Map.of(
                            HttpHeaders.WWW_AUTHENTICATE,
                            "Bearer resource_metadata=\"" + settings.resourceMetadataUrl(request) + "\""));
        }
    }

    private static HttpResponse<String> jsonRpcError(Object id, int code, String message) throws Exception {
        var error = new McpSchema.JSONRPCResponse(
                McpSchema.JSONRPC_VERSION, id, null, new McpSchema.JSONRPCResponse.JSONRPCError(code, message, null));
        return HttpResponse.<String>badRequest().body(MCP_JSON.writeValueAsString(error));
    }
}
