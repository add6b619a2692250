package dev.artifacta.server.oauthclients;

import dev.artifacta.events.ApiScope;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.openapi.ApiAnswers;
import dev.artifacta.server.http.openapi.ApiProblems;
import dev.artifacta.server.oauthclients.OAuthClientViews.OAuthClientList;
import dev.artifacta.server.oauthclients.OAuthClientViews.OAuthClientView;
import dev.artifacta.server.oauthclients.OAuthClientViews.OAuthClientWithSecret;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;

/**
 * OAuth clients of the calling tenant, such as MCP clients: they get access tokens at
 * {@code POST /oauth/token} that act for the user who registered them. Needs {@code agents:manage}
 * and an owner or admin; a client's scopes are at most the registering credential's.
 */
@Controller("/v1/oauth-clients")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "OAuth clients")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiProblems.BadRequest
@ApiProblems.Unauthenticated
@ApiProblems.Forbidden
@ApiProblems.TooManyRequests
public class OAuthClientsController {

    /**
     * The client to register. {@code grantTypes} defaults to {@code client_credentials}; a client
     * with that grant is confidential and gets a secret. {@code redirectUris} are for
     * {@code authorization_code} clients only; {@code confidential} (default true) gives an
     * interactive client a secret too.
     */
    @Serdeable
    public record RegisterOAuthClientRequest(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Size(min = 1, max = 20) List<@NotBlank @Size(max = 64) String> scopes,
            @Nullable @Size(min = 1, max = 3) List<@NotBlank @Size(max = 32) String> grantTypes,
            @Nullable @Size(max = 10) List<@NotBlank @Size(max = 2000) String> redirectUris,
            @Nullable Boolean confidential) {}

    private final OAuthClientService clients;

    public OAuthClientsController(OAuthClientService clients) {
        this.clients = clients;
    }

    @Post
    @Operation(
            operationId = "registerOAuthClient",
            summary = "Register an OAuth client",
            description = "Answers the client id and, for a confidential client, its secret: shown once, stored only"
                    + " as a hash.")
    @Status(HttpStatus.CREATED)
    @ApiAnswers.Created
    @ApiProblems.Unprocessable
    public HttpResponse<OAuthClientWithSecret> register(
            HttpRequest<?> request, @Body @Valid RegisterOAuthClientRequest body) {
        OAuthClientWithSecret client = clients.register(
                Principals.requireScope(request, ApiScope.AGENTS_MANAGE),
                body.name(),
                body.scopes(),
                body.grantTypes() == null ? List.of("client_credentials") : body.grantTypes(),
                body.redirectUris() == null ? List.of() : body.redirectUris(),
                body.confidential() == null || body.confidential(),
                RequestInfos.of(request));
        return HttpResponse.created(client, URI.create("/v1/oauth-clients/" + client.clientId()));
    }

    @Get
    @Operation(operationId = "listOAuthClients", summary = "List OAuth clients")
    public OAuthClientList list(HttpRequest<?> request) {
        return new OAuthClientList(clients.list(Principals.requireScope(request, ApiScope.AGENTS_MANAGE)));
    }

    @Get("/{id}")
    @Operation(operationId = "getOAuthClient", summary = "Read an OAuth client")
    @ApiProblems.NotFound
    public OAuthClientView read(HttpRequest<?> request, @PathVariable String id) {
        return clients.read(Principals.requireScope(request, ApiScope.AGENTS_MANAGE), id);
    }

    @Post("/{id}/rotate-secret")
    @Operation(
            operationId = "rotateOAuthClientSecret",
            summary = "Rotate an OAuth client's secret",
            description = "Answers the new secret once; the old one stops working at once. Issued tokens stay valid"
                    + " until they expire or are revoked.")
    @ApiProblems.NotFound
    @ApiProblems.Conflict
    public OAuthClientWithSecret rotateSecret(HttpRequest<?> request, @PathVariable String id) {
        return clients.rotateSecret(
                Principals.requireScope(request, ApiScope.AGENTS_MANAGE), id, RequestInfos.of(request));
    }

    @Post("/{id}/disable")
    @Operation(
            operationId = "disableOAuthClient",
            summary = "Disable an OAuth client",
            description = "It gets no new tokens, and its tokens are refused from the next request on.")
    @ApiProblems.NotFound
    public OAuthClientView disable(HttpRequest<?> request, @PathVariable String id) {
        return clients.disable(Principals.requireScope(request, ApiScope.AGENTS_MANAGE), id, RequestInfos.of(request));
    }
}
