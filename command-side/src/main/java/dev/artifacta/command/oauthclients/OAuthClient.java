package dev.artifacta.command.oauthclients;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.command.shared.PlainText;
import dev.artifacta.command.shared.SecretText;
import dev.artifacta.events.ApiScope;
import dev.artifacta.events.OAuthClientDisabled;
import dev.artifacta.events.OAuthClientRegistered;
import dev.artifacta.events.OAuthClientSecretRotated;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

/**
 * An OAuth client of a tenant, such as an MCP client: it gets access tokens at the token endpoint
 * and they act for the user who registered it, with at most its scopes. A confidential client
 * authenticates with a secret (only its digest is kept); a disabled client gets nothing more.
 */
@AggregateRoot
public class OAuthClient {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_REDIRECT_URIS = 10;
    public static final int MAX_REDIRECT_URI_LENGTH = 2000;
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final List<String> GRANT_TYPES = List.of(CLIENT_CREDENTIALS, AUTHORIZATION_CODE, REFRESH_TOKEN);

    @AggregateIdentifier
    private String clientId;

    private String tenantId;
    private String name;
    private boolean confidential;
    private boolean disabled;

    protected OAuthClient() {
        // For Axon: state is rebuilt from events.
    }

    @CommandHandler
    public OAuthClient(RegisterOAuthClient command) {
        String name = PlainText.normalized("client name", command.name());
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || !name.equals(name.strip())) {
            throw new InvalidRequest(
                    "invalid-oauth-client-name",
                    "A client name is 1 to " + MAX_NAME_LENGTH + " characters without leading or trailing spaces.");
        }
        if (SecretText.containsKey(name)) {
            throw new InvalidRequest("secret-in-plain-text", "The name contains what looks like a secret.");
        }
        var scopes = new TreeSet<String>();
        for (String scope : command.scopes()) {
            if (ApiScope.parse(scope).isEmpty()) {
                throw new InvalidRequest(
                        "unknown-scope",
                        "Unknown scope '" + scope + "'. Known scopes: " + String.join(", ", ApiScope.allValues())
                                + ".");
            }
            scopes.add(scope);
        }
        if (scopes.isEmpty()) {
            throw new InvalidRequest("invalid-scopes", "A client needs at least one scope.");
        }
        var grants = new TreeSet<String>();
        for (String grant : command.grantTypes()) {
            if (!GRANT_TYPES.contains(grant)) {
                throw new InvalidRequest(
                        "invalid-grant-types",
                        "Unknown grant type '" + grant + "'. Grant types: " + String.join(", ", GRANT_TYPES) + ".");
            }
            grants.add(grant);
        }
        if (grants.isEmpty()) {
            throw new InvalidRequest("invalid-grant-types", "A client needs at least one grant type.");
        }
        if (grants.contains(CLIENT_CREDENTIALS) && command.secret() == null) {
            throw new InvalidRequest(
                    "invalid-grant-types", "The client_credentials grant is for confidential clients (with a secret).");
        }
        if (grants.contains(REFRESH_TOKEN) && !grants.contains(AUTHORIZATION_CODE)) {
            throw new InvalidRequest("invalid-grant-types", "The refresh_token grant goes with authorization_code.");
        }
        List<String> redirects = command.redirectUris().stream().distinct().toList();
        if (grants.contains(AUTHORIZATION_CODE) && redirects.isEmpty()) {
            throw new InvalidRequest(
                    "invalid-redirect-uris", "A client with the authorization_code grant needs a redirect URI.");
        }
        if (!grants.contains(AUTHORIZATION_CODE) && !redirects.isEmpty()) {
            throw new InvalidRequest(
                    "invalid-redirect-uris", "Redirect URIs are only for clients with the authorization_code grant.");
        }
        if (redirects.size() > MAX_REDIRECT_URIS) {
            throw new InvalidRequest(
                    "invalid-redirect-uris", "A client has at most " + MAX_REDIRECT_URIS + " redirect URIs.");
        }
        redirects.forEach(OAuthClient::requireValidRedirect);
        var digest = command.secret();
        apply(new OAuthClientRegistered(
                command.tenantId(),
                command.clientId(),
                name,
                List.copyOf(scopes),
                List.copyOf(grants),
                redirects,
                digest == null ? null : digest.prefix(),
                digest == null ? null : digest.last4(),
                digest == null ? null : digest.sha256(),
                command.identity(),
                command.now()));
    }

    @CommandHandler
    public void handle(RotateOAuthClientSecret command) {
        requireTenant(command.tenantId());
        if (disabled) {
            throw new OAuthClientDisabledAlready(clientId);
        }
        if (!confidential) {
            throw new InvalidRequest("public-oauth-client", "A public client has no secret to rotate.");
        }
        var digest = command.secret();
        apply(new OAuthClientSecretRotated(
                tenantId, clientId, name, digest.prefix(), digest.last4(), digest.sha256(), command.now()));
    }

    @CommandHandler
    public void handle(DisableOAuthClient command) {
        requireTenant(command.tenantId());
        if (!disabled) {
            apply(new OAuthClientDisabled(tenantId, clientId, name, command.now()));
        }
    }

    @EventSourcingHandler
    void on(OAuthClientRegistered event) {
        clientId = event.clientId();
        tenantId = event.tenantId();
        name = event.name();
        confidential = event.secretSha256() != null;
    }

    @EventSourcingHandler
    void on(OAuthClientDisabled event) {
        disabled = true;
    }

    private void requireTenant(String callerTenantId) {
        if (!tenantId.equals(callerTenantId)) {
            // Another tenant's client is indistinguishable from one that does not exist.
            throw new OAuthClientNotFound(clientId);
        }
    }

    /**
     * An absolute {@code https} URI without a fragment, or {@code http} on a loopback host (RFC 8252:
     * native and desktop clients listen there).
     */
    public static void requireValidRedirect(String uri) {
        String invalid = "A redirect URI is an absolute https URI without a fragment (http only for"
                + " localhost or 127.0.0.1), at most " + MAX_REDIRECT_URI_LENGTH + " characters.";
        if (uri == null || uri.length() > MAX_REDIRECT_URI_LENGTH || SecretText.containsKey(uri)) {
            throw new InvalidRequest("invalid-redirect-uris", invalid);
        }
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            String host = parsed.getHost() == null ? "" : parsed.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
            if (!parsed.isAbsolute()
                    || parsed.getFragment() != null
                    || host.isEmpty()
                    || !(scheme.equals("https") || (scheme.equals("http") && loopback))) {
                throw new InvalidRequest("invalid-redirect-uris", invalid);
            }
        } catch (URISyntaxException e) {
            throw new InvalidRequest("invalid-redirect-uris", invalid);
        }
    }
}
