package dev.artifacta.server.oauthclients;

import dev.artifacta.events.ApiScope;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.openapi.ApiProblems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The workspace's setting for self-registered OAuth clients (RFC 7591 dynamic client registration
 * at {@code /oauth/register}, as MCP clients do it): off until an owner or admin turns it on; when on,
 * any member may approve such a client for themselves on the consent page. Needs {@code
 * agents:manage} and an owner or admin, like registering a client.
 */
@Controller("/v1/oauth-client-registration")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "OAuth clients")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiProblems.BadRequest
@ApiProblems.Unauthenticated
@ApiProblems.Forbidden
@ApiProblems.TooManyRequests
public class OAuthClientRegistrationController {

    /** Whether self-registered clients may be approved in the workspace. */
    @Serdeable
    public record ClientRegistrationSetting(@NotNull Boolean enabled) {}

    private final OAuthClientService clients;

    public OAuthClientRegistrationController(OAuthClientService clients) {
        this.clients = clients;
    }

    @Get
    @Operation(operationId = "getOAuthClientRegistration", summary = "Read the self-registration setting")
    public ClientRegistrationSetting read(HttpRequest<?> request) {
        return new ClientRegistrationSetting(
                clients.clientRegistration(Principals.requireScope(request, ApiScope.AGENTS_MANAGE)));
    }

    @Put
    @Operation(
            operationId = "setOAuthClientRegistration",
            summary = "Allow or stop self-registered OAuth clients",
            description = "When enabled, clients that registered themselves at /oauth/register (such as MCP"
                    + " clients) may be approved by the workspace's members for themselves. Clients already"
                    + " approved stay until disabled.")
    @ApiProblems.Unprocessable
    public ClientRegistrationSetting change(HttpRequest<?> request, @Body @Valid ClientRegistrationSetting body) {
        return new ClientRegistrationSetting(clients.changeClientRegistration(
                Principals.requireScope(request, ApiScope.AGENTS_MANAGE), body.enabled(), RequestInfos.of(request)));
    }
}
