package dev.artifacta.command.apikeys;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.command.shared.PlainText;
import dev.artifacta.command.shared.SecretText;
import dev.artifacta.events.ApiKeyCreated;
import dev.artifacta.events.ApiKeyRenamed;
import dev.artifacta.events.ApiKeyRevoked;
import dev.artifacta.events.ApiScope;
import dev.artifacta.events.KeyIdentity;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

/**
 * An API key: issued once, revoked at most once. Its secret never reaches the aggregate; only the
 * digest does.
 */
@AggregateRoot
public class ApiKey {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_DESCRIPTION_LENGTH = 500;
    public static final int MAX_EMAIL_LENGTH = 254;
    /** Databases store years up to 9999; a later expiry could not be recorded. */
    public static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    @AggregateIdentifier
    private String keyId;

    private String tenantId;
    private String name;
    private boolean revoked;

    protected ApiKey() {
        // For Axon: state is rebuilt from events.
    }

    @CommandHandler
    public ApiKey(CreateApiKey command, KeyAllowances allowances) {
        this(
                command,
                allowances.allowanceFor(
                        command.tenantId(), PlainText.normalized("key name", command.name()), command.now()));
    }

    /** Issues a key against an allowance read by the caller (signup issues the first key this way). */
    public ApiKey(CreateApiKey command, KeyAllowance allowance) {
        List<String> scopes = requireAcceptable(command, allowance);
        String name = PlainText.normalized("key name", command.name());
        apply(new ApiKeyCreated(
                command.tenantId(),
                command.keyId(),
                name,
                command.description(),
                command.secret().prefix(),
                command.secret().last4(),
                command.secret().sha256(),
                scopes,
                command.identity(),
                command.expiresAt(),
                command.now()));
    }

    /**
     * Every rule a new key must meet, checked without writing anything: the constructor's checks,
     * which a caller that must write something else first (an agent created by name for the key)
     * runs beforehand, so that a refused key leaves nothing behind. Returns the key's scopes, sorted.
     */
    public static List<String> requireAcceptable(CreateApiKey command, KeyAllowance allowance) {
        List<String> scopes = validScopes(command.scopes());
        String name = PlainText.normalized("key name", command.name());
        requireValidName(name);
        if (SecretText.containsKey(name) || SecretText.containsKey(command.description())) {
            // A pasted secret would be stored in an event for ever: refuse it before it gets there.
            throw new InvalidRequest(
                    "secret-in-plain-text",
                    "The name or description contains what looks like an API key; secrets never belong there.");
        }
        if (command.description() != null && command.description().length() > MAX_DESCRIPTION_LENGTH) {
            throw new InvalidRequest(
                    "invalid-api-key-description",
                    "A description is at most " + MAX_DESCRIPTION_LENGTH + " characters.");
        }
        requireValidIdentity(command.identity());
        if (command.expiresAt() != null && !command.expiresAt().isAfter(command.now())) {
            throw new InvalidRequest("invalid-expiry", "expiresAt must be in the future.");
        }
        if (command.expiresAt() != null && command.expiresAt().isAfter(LATEST_EXPIRY)) {
            throw new InvalidRequest("invalid-expiry", "expiresAt must be before the year 10000.");
        }
        if (allowance.nameTaken()) {
            throw new ApiKeyNameTaken(name);
        }
        if (allowance.activeKeys() >= allowance.maxActiveKeys()) {
            throw new ApiKeyLimitReached(allowance.plan(), allowance.maxActiveKeys());
        }
        return scopes;
    }

    @CommandHandler
    public void handle(RevokeApiKey command) {
        if (!tenantId.equals(command.tenantId())) {
            // Another tenant's key is indistinguishable from a key that does not exist.
            throw new ApiKeyNotFound(command.keyId());
        }
        if (revoked) {
            throw new ApiKeyAlreadyRevoked(keyId);
        }
        apply(new ApiKeyRevoked(tenantId, keyId, name, command.now()));
    }

    @CommandHandler
    public void handle(RenameApiKey command, KeyAllowances allowances) {
        if (!tenantId.equals(command.tenantId())) {
            throw new ApiKeyNotFound(command.keyId());
        }
        if (revoked) {
            throw new ApiKeyAlreadyRevoked(keyId);
        }
        String newName = PlainText.normalized("key name", command.name());
        requireValidName(newName);
        if (SecretText.containsKey(newName)) {
            throw new InvalidRequest(
                    "secret-in-plain-text",
                    "The name contains what looks like an API key; secrets never belong there.");
        }
        if (newName.equals(name)) {
            return; // already so named: nothing happened, nothing to record
        }
        // Locks the tenant's keys like a creation does, so two keys cannot take one name at once.
        if (allowances.allowanceFor(tenantId, newName, command.now()).nameTaken()) {
            throw new ApiKeyNameTaken(newName);
        }
        apply(new ApiKeyRenamed(tenantId, keyId, name, newName, command.now()));
    }

    @EventSourcingHandler
    void on(ApiKeyRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(ApiKeyCreated event) {
        keyId = event.keyId();
        tenantId = event.tenantId();
        name = event.name();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        revoked = true;
    }

    private static void requireValidName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || !name.equals(name.strip())) {
            throw new InvalidRequest(
                    "invalid-api-key-name",
                    "A key name is 1 to " + MAX_NAME_LENGTH + " characters without leading or trailing spaces.");
        }
    }

    private static void requireValidIdentity(KeyIdentity identity) {
        if (identity == null) {
            throw new InvalidRequest("invalid-identity", "A key needs an identity: user or agent.");
        }
        boolean user = KeyIdentity.USER.equals(identity.type());
        boolean agent = KeyIdentity.AGENT.equals(identity.type());
        if (!user && !agent) {
            throw new InvalidRequest(
                    "invalid-identity", "identity.type must be 'user' or 'agent', not '" + identity.type() + "'.");
        }
        // A user identity is named by the owner's email (up to 254 characters), an agent by its name.
        int maxLength = user ? MAX_EMAIL_LENGTH : MAX_NAME_LENGTH;
        if (agent && (identity.agentId() == null || identity.agentId().isBlank())) {
            throw new InvalidRequest("invalid-identity", "An agent identity names the agent by its id.");
        }
        PlainText.normalized("identity name", identity.name());
        if (identity.name().isBlank() || identity.name().length() > maxLength) {
            throw new InvalidRequest(
                    "invalid-identity",
                    "An " + identity.type() + " identity needs a name of 1 to " + maxLength + " characters.");
        }
    }

    private static List<String> validScopes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidRequest("invalid-scopes", "A key needs at least one scope.");
        }
        var scopes = new TreeSet<String>();
        for (String scope : requested) {
            if (ApiScope.parse(scope).isEmpty()) {
                throw new InvalidRequest(
                        "unknown-scope",
                        "Unknown scope '" + scope + "'. Known scopes: " + String.join(", ", ApiScope.allValues())
                                + ".");
            }
            scopes.add(scope);
        }
        return List.copyOf(scopes);
    }
}
