package dev.artifacta.command.apikeys.infrastructure;

import dev.artifacta.events.KeyIdentity;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the credential behind a presented key's hash. No cache: the lookup table is the only
 * source, so a revocation committed on any node is seen by the next request on every node.
 */
@Singleton
public class CredentialLookup {

    private final CredentialRegistryRepository credentials;

    public CredentialLookup(CredentialRegistryRepository credentials) {
        this.credentials = credentials;
    }

    public Optional<Credential> findBySecretSha256(String secretSha256) {
        return credentials
                .findWithTenant(secretSha256)
                .map(row -> new Credential(
                        row.keyId(),
                        row.keyName(),
                        row.prefix(),
                        row.last4(),
                        scopes(row.scopes()),
                        new KeyIdentity(row.identityType(), row.identityName(), row.identityAgentId()),
                        row.expiresAt(),
                        row.revokedAt(),
                        row.tenantId(),
                        row.tenantName(),
                        row.plan(),
                        row.memberRole(),
                        row.memberName(),
                        row.agentName() == null
                                ? null
                                : new Credential.AgentState(
                                        row.identityAgentId(),
                                        row.agentName(),
                                        row.agentRole(),
                                        Boolean.TRUE.equals(row.agentDisabled()),
                                        row.agentSponsorId())));
    }

    private static Set<String> scopes(String joined) {
        return Arrays.stream(joined.split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
