package dev.artifacta.server.oauth;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.RegistrationError;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.events.ApiScope;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.auth.OAuthGrants;
import dev.artifacta.server.auth.OAuthSettings;
import dev.artifacta.server.auth.OAuthTokens;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.oauthclients.PendingClientRepository.PendingClient;
import dev.artifacta.server.oauthclients.SelfRegistrations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The OAuth 2.0 authorization server for registered clients: the token endpoint (RFC 6749: the
 * client-credentials grant with {@code client_secret_basic} or {@code client_secret_post}; the
 * authorization-code grant with PKCE and rotating refresh tokens, for confidential clients with their
 * secret and public clients with none), revocation of access and refresh tokens (RFC 7009), the
 * signing keys (JWKS), and the metadata of the authorization server (RFC 8414) and of
 * the protected resource (RFC 9728). Requests are parsed by the Nimbus SDK. These are protocol
 * endpoints: their answers are the RFCs' JSON (errors as {@code {"error": …}}), not problems, so they
 * stay out of the OpenAPI document and its sweeps ({@code OAuthTokensIT} holds them to their own).
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class OAuthController {

    private static final String CLIENT_CREDENTIALS = GrantType.CLIENT_CREDENTIALS.getValue();

    private final OAuthTokens tokens;
    private final OAuthGrants grants;
    private final OAuthSettings settings;
    private final SelfRegistrations selfRegistrations;

    public OAuthController(
            OAuthTokens tokens, OAuthGrants grants, OAuthSettings settings, SelfRegistrations selfRegistrations) {
        this.tokens = tokens;
        this.grants = grants;
        this.settings = settings;
        this.selfRegistrations = selfRegistrations;
    }

    @Post("/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<String> token(HttpRequest<?> request, @Nullable @Body String body) {
        TokenRequest tokenRequest;
        try {
            tokenRequest = TokenRequest.parse(nimbusRequest(request, "/oauth/token", body));
        } catch (ParseException e) {
            return error(e.getErrorObject() == null ? OAuth2Error.INVALID_REQUEST : e.getErrorObject());
        }
        AuthorizationGrant grant = tokenRequest.getAuthorizationGrant();
        boolean interactive = grant instanceof AuthorizationCodeGrant || grant instanceof RefreshTokenGrant;
        Authenticated caller;
        try {
            caller = authenticate(
                    request, tokenRequest.getClientAuthentication(), tokenRequest.getClientID(), interactive);
        } catch (Refusal refusal) {
            return refusal.response;
        }
        OAuthTokens.KnownClient client = caller.client();
        if (tokenRequest.getResources() != null
                && !tokenRequest.getResources().stream().allMatch(resource -> settings.isOurs(request, resource))) {
            return error(OAuth2Error.INVALID_TARGET.setDescription(
                    "Tokens of this server are for " + settings.resource(request) + "."));
        }
        if (grant instanceof AuthorizationCodeGrant code) {
            if (!client.grantTypes().contains(OAuthGrants.AUTHORIZATION_CODE)) {
                tokens.refused(request, client, null, "unauthorized-grant");
                return error(OAuth2Error.UNAUTHORIZED_CLIENT.setDescription(
                        "This client is not registered for the authorization_code grant."));
            }
            return answer(grants.redeem(
                    request,
                    client,
                    code.getAuthorizationCode().getValue(),
                    code.getRedirectionURI() == null
                            ? null
                            : code.getRedirectionURI().toString(),
                    code.getCodeVerifier() == null
                            ? null
                            : code.getCodeVerifier().getValue()));
        }
        if (grant instanceof RefreshTokenGrant refresh) {
            if (!client.grantTypes().contains(OAuthGrants.REFRESH_TOKEN)) {
                tokens.refused(request, client, null, "unauthorized-grant");
                return error(OAuth2Error.UNAUTHORIZED_CLIENT.setDescription(
                        "This client is not registered for the refresh_token grant."));
            }
            return answer(grants.refresh(
                    request,
                    client,
                    refresh.getRefreshToken().getValue(),
                    tokenRequest.getScope() == null
                            ? null
                            : new TreeSet<>(tokenRequest.getScope().toStringList())));
        }
        if (!(grant instanceof ClientCredentialsGrant)) {
            return error(OAuth2Error.UNSUPPORTED_GRANT_TYPE.setDescription(
                    "This server issues tokens for the client_credentials, authorization_code and refresh_token"
                            + " grants."));
        }
        if (!client.grantTypes().contains(CLIENT_CREDENTIALS)) {
            tokens.refused(request, client, null, "unauthorized-grant");
            return error(OAuth2Error.UNAUTHORIZED_CLIENT.setDescription(
                    "This client is not registered for the client_credentials grant."));
        }
        Set<String> allowed = client.scopes();
        Set<String> scopes = tokenRequest.getScope() == null
                ? allowed
                : new TreeSet<>(tokenRequest.getScope().toStringList());
        if (scopes.isEmpty() || !allowed.containsAll(scopes)) {
            tokens.refused(request, client, null, "invalid-scope");
            return error(OAuth2Error.INVALID_SCOPE.setDescription(
                    "This client may ask for: " + String.join(" ", allowed) + "."));
        }
        Optional<Principal.OAuthClient> principal = OAuthTokens.principalOf(client, scopes);
        if (principal.isEmpty()) {
            tokens.refused(request, client, null, "member-removed");
            return error(OAuth2Error.INVALID_GRANT.setDescription(
                    "The client acts for a person who is no longer a member of the workspace."));
        }
        OAuthTokens.Issued issued = tokens.issue(request, principal.get(), client.tenantId(), CLIENT_CREDENTIALS);
        var accessToken = new BearerAccessToken(
                issued.accessToken(),
                issued.expiresInSeconds(),
                new Scope(issued.scopes().toArray(String[]::new)));
        return noStore(HttpResponse.ok(new AccessTokenResponse(new Tokens(accessToken, null))
                .toJSONObject()
                .toJSONString()));
    }

    private static HttpResponse<String> answer(OAuthGrants.Outcome outcome) {
        return switch (outcome) {
            case OAuthGrants.Refused refused -> error(refused.error());
            case OAuthGrants.Granted granted -> {
                OAuthTokens.Issued issued = granted.access();
                var accessToken = new BearerAccessToken(
                        issued.accessToken(),
                        issued.expiresInSeconds(),
                        new Scope(issued.scopes().toArray(String[]::new)));
                RefreshToken refresh = granted.refreshToken() == null ? null : new RefreshToken(granted.refreshToken());
                yield noStore(HttpResponse.ok(new AccessTokenResponse(new Tokens(accessToken, refresh))
                        .toJSONObject()
                        .toJSONString()));
            }
        };
    }

    @Post("/oauth/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<String> revoke(HttpRequest<?> request, @Nullable @Body String body) {
        TokenRevocationRequest revocation;
        try {
            revocation = TokenRevocationRequest.parse(nimbusRequest(request, "/oauth/revoke", body));
        } catch (ParseException e) {
            return error(e.getErrorObject() == null ? OAuth2Error.INVALID_REQUEST : e.getErrorObject());
        }
        Authenticated caller;
        try {
            caller = authenticate(request, revocation.getClientAuthentication(), revocation.getClientID(), true);
        } catch (Refusal refusal) {
            return refusal.response;
        }
        String token = revocation.getToken().getValue();
        if (OAuthTokens.looksLikeJwt(token)) {
            tokens.revoke(request, caller.client(), token);
        } else {
            grants.revokeRefresh(request, caller.client(), token);
        }
        // RFC 7009: the same answer whether or not the token was valid, so it tells nothing.
        return noStore(HttpResponse.ok("{}"));
    }

    /**
     * Dynamic client registration (RFC 7591), open as MCP clients expect: public clients only
     * ({@code token_endpoint_auth_method=none}, the authorization-code grant with PKCE, redirect URIs
     * as for registered clients). The client belongs to no workspace until a person approves it in
     * one that allows self-registered clients ({@link SelfRegistrations}).
     */
    @Post("/oauth/register")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<String> register(HttpRequest<?> request, @Nullable @Body String body) {
        OptionalLong wait = selfRegistrations.attempt(RequestInfos.of(request).clientAddress());
        if (wait.isPresent()) {
            return error(new ErrorObject(
                            "too_many_requests",
                            "Too many client registrations from this address; try again later.",
                            429))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong()));
        }
        ClientMetadata metadata;
        try {
            metadata = ClientRegistrationRequest.parse(nimbusRequest(request, "/oauth/register", body))
                    .getClientMetadata();
        } catch (ParseException e) {
            return error(RegistrationError.INVALID_CLIENT_METADATA.setDescription(e.getMessage()));
        }
        if (metadata.getTokenEndpointAuthMethod() != null
                && !ClientAuthenticationMethod.NONE.equals(metadata.getTokenEndpointAuthMethod())) {
            return error(RegistrationError.INVALID_CLIENT_METADATA.setDescription(
                    "Only public clients (token_endpoint_auth_method=none, with PKCE) may register themselves;"
                            + " a workspace owner or admin registers confidential clients at /v1/oauth-clients."));
        }
        Set<GrantType> grantTypes = metadata.getGrantTypes() == null
                ? Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN)
                : metadata.getGrantTypes();
        if (!grantTypes.contains(GrantType.AUTHORIZATION_CODE)
                || !Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN)
                        .containsAll(grantTypes)
                || (metadata.getResponseTypes() != null
                        && !Set.of(ResponseType.CODE).containsAll(metadata.getResponseTypes()))) {
            return error(RegistrationError.INVALID_CLIENT_METADATA.setDescription(
                    "A self-registered client uses the authorization_code grant (and refresh_token), response"
                            + " type code."));
        }
        Set<String> scopes = metadata.getScope() == null
                ? new TreeSet<>(ApiScope.allValues())
                : new TreeSet<>(metadata.getScope().toStringList());
        if (scopes.isEmpty() || !ApiScope.allValues().containsAll(scopes)) {
            return error(RegistrationError.INVALID_CLIENT_METADATA.setDescription(
                    "scope may name: " + String.join(" ", ApiScope.allValues()) + "."));
        }
        List<String> redirectUris = metadata.getRedirectionURIs() == null
                ? List.of()
                : metadata.getRedirectionURIs().stream()
                        .map(URI::toString)
                        .sorted()
                        .toList();
        if (redirectUris.isEmpty() || redirectUris.size() > 10) {
            return error(RegistrationError.INVALID_REDIRECT_URI.setDescription("Send 1 to 10 redirect_uris."));
        }
        PendingClient registered;
        try {
            registered = selfRegistrations.register(
                    metadata.getName(),
                    List.copyOf(scopes),
                    grantTypes.stream().map(GrantType::getValue).sorted().toList(),
                    redirectUris);
        } catch (InvalidRequest invalid) {
            return error(RegistrationError.INVALID_REDIRECT_URI.setDescription(invalid.getMessage()));
        }
        var answered = new ClientMetadata();
        answered.setName(registered.name());
        answered.setRedirectionURIs(redirectUris.stream().map(URI::create).collect(Collectors.toSet()));
        answered.setGrantTypes(grantTypes);
        answered.setResponseTypes(Set.of(ResponseType.CODE));
        answered.setScope(new Scope(scopes.toArray(String[]::new)));
        answered.setTokenEndpointAuthMethod(ClientAuthenticationMethod.NONE);
        var information = new ClientInformation(
                new ClientID(registered.clientId()), Date.from(registered.registeredAt()), answered, null);
        return noStore(HttpResponse.<String>status(io.micronaut.http.HttpStatus.CREATED)
                .body(information.toJSONObject().toJSONString())
                .contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    @Get("/oauth/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<String> jwks() {
        return HttpResponse.ok(tokens.publicKeys().toString());
    }

    @Get("/.well-known/oauth-authorization-server")
    public Map<String, Object> authorizationServerMetadata(HttpRequest<?> request) {
        String base = settings.base(request);
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("issuer", settings.issuer(request));
        metadata.put("authorization_endpoint", base + "/oauth/authorize");
        metadata.put("token_endpoint", base + "/oauth/token");
        metadata.put("jwks_uri", base + "/oauth/jwks");
        metadata.put("revocation_endpoint", base + "/oauth/revoke");
        metadata.put("registration_endpoint", base + "/oauth/register");
        metadata.put("scopes_supported", ApiScope.allValues());
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("response_modes_supported", List.of("query"));
        metadata.put(
                "grant_types_supported",
                List.of(OAuthGrants.AUTHORIZATION_CODE, OAuthGrants.REFRESH_TOKEN, CLIENT_CREDENTIALS));
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        metadata.put(
                "token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        metadata.put(
                "revocation_endpoint_auth_methods_supported",
                List.of("client_secret_basic", "client_secret_post", "none"));
        metadata.put("authorization_response_iss_parameter_supported", true);
        metadata.put("service_documentation", base + "/openapi/artifacta-v1.yml");
        return metadata;
    }

    @Get("/.well-known/oauth-protected-resource")
    public Map<String, Object> protectedResourceMetadata(HttpRequest<?> request) {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("resource", settings.resource(request));
        metadata.put("authorization_servers", List.of(settings.issuer(request)));
        metadata.put("scopes_supported", ApiScope.allValues());
        metadata.put("bearer_methods_supported", List.of("header"));
        metadata.put("resource_name", "Artifacta");
        return metadata;
    }

    /** A client that proved itself. */
    private record Authenticated(OAuthTokens.KnownClient client) {}

    /** A client that did not, with the answer to give. */
    private static final class Refusal extends Exception {
        private final HttpResponse<String> response;

        Refusal(HttpResponse<String> response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    /**
     * The client, proved by its secret; a public client (no secret) of an interactive grant proves
     * itself with PKCE instead, so it needs only its client_id, and a confidential client never may.
     */
    private Authenticated authenticate(
            HttpRequest<?> request,
            @Nullable ClientAuthentication authentication,
            @Nullable ClientID clientId,
            boolean publicAllowed)
            throws Refusal {
        if (authentication == null) {
            Optional<OAuthTokens.KnownClient> found =
                    clientId == null ? Optional.empty() : tokens.client(clientId.getValue());
            if (!publicAllowed || found.isEmpty()) {
                throw new Refusal(invalidClient(
                        false, "Authenticate the client with client_secret_basic or client_secret_post."));
            }
            OAuthTokens.KnownClient client = found.get();
            if (client.confidential()) {
                tokens.refused(request, client, null, "secret-missing");
                throw new Refusal(invalidClient(false, "This client is confidential: authenticate with its secret."));
            }
            if (client.disabled()) {
                tokens.refused(request, client, null, "client-disabled");
                throw new Refusal(invalidClient(false, "The client is disabled."));
            }
            return new Authenticated(client);
        }
        String secret;
        if (authentication instanceof ClientSecretBasic basic) {
            secret = basic.getClientSecret().getValue();
        } else if (authentication instanceof ClientSecretPost post) {
            secret = post.getClientSecret().getValue();
        } else {
            throw new Refusal(invalidClient(
                    authentication instanceof ClientSecretBasic,
                    "Authenticate the client with client_secret_basic or client_secret_post."));
        }
        boolean basic = authentication instanceof ClientSecretBasic;
        Optional<OAuthTokens.KnownClient> found =
                tokens.client(authentication.getClientID().getValue());
        if (found.isEmpty()) {
            throw new Refusal(invalidClient(basic, "The client is not recognised, or its secret is wrong."));
        }
        OAuthTokens.KnownClient client = found.get();
        if (!OAuthTokens.secretMatches(client, secret)) {
            tokens.refused(request, client, null, "invalid-secret");
            throw new Refusal(invalidClient(basic, "The client is not recognised, or its secret is wrong."));
        }
        if (client.disabled()) {
            tokens.refused(request, client, null, "client-disabled");
            throw new Refusal(invalidClient(basic, "The client is disabled."));
        }
        return new Authenticated(client);
    }

    /** The Nimbus view of the request, for its parsers: method, URI, headers that matter, form body. */
    private HTTPRequest nimbusRequest(HttpRequest<?> request, String path, String body) throws ParseException {
        var http = new HTTPRequest(HTTPRequest.Method.POST, URI.create(settings.base(request) + path));
        String contentType = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            http.setContentType(contentType);
        }
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            http.setAuthorization(authorization);
        }
        http.setBody(body == null ? "" : body);
        return http;
    }

    private static MutableHttpResponse<String> invalidClient(boolean basic, String description) {
        MutableHttpResponse<String> response = error(OAuth2Error.INVALID_CLIENT.setDescription(description));
        if (basic) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"artifacta\"");
        }
        return response;
    }

    private static MutableHttpResponse<String> error(ErrorObject error) {
        int status = error.getHTTPStatusCode() > 0 ? error.getHTTPStatusCode() : 400;
        return noStore(HttpResponse.<String>status(io.micronaut.http.HttpStatus.valueOf(status))
                .body(new TokenErrorResponse(error).toJSONObject().toJSONString())
                .contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    private static <T> MutableHttpResponse<T> noStore(MutableHttpResponse<T> response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
    }
}
