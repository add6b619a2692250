package dev.artifacta.command.agents;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.command.shared.PlainText;
import dev.artifacta.command.shared.SecretText;
import dev.artifacta.events.AgentCreated;
import dev.artifacta.events.AgentDisabled;
import dev.artifacta.events.AgentEnabled;
import dev.artifacta.events.AgentRenamed;
import dev.artifacta.events.AgentRoleChanged;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

/**
 * An agent: an automated identity of a tenant with a role of its own, sponsored by the user who
 * created it. Its keys act as it; disabling it refuses them all.
 */
@AggregateRoot
public class Agent {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_DESCRIPTION_LENGTH = 500;
    public static final String DEFAULT_ROLE = "editor";
    /** The roles an agent may have: every role but owner. */
    public static final List<String> ROLES = List.of("admin", "editor", "viewer");

    @AggregateIdentifier
    private String agentId;

    private String tenantId;
    private String name;
    private String role;
    private boolean disabled;

    protected Agent() {
        // For Axon: state is rebuilt from events.
    }

    @CommandHandler
    public Agent(CreateAgent command, AgentDirectory directory) {
        String name = PlainText.normalized("agent name", command.name());
        requireValidName(name);
        if (command.description() != null && command.description().length() > MAX_DESCRIPTION_LENGTH) {
            throw new InvalidRequest(
                    "invalid-agent-description", "A description is at most " + MAX_DESCRIPTION_LENGTH + " characters.");
        }
        if (SecretText.containsKey(command.description())) {
            throw new InvalidRequest("secret-in-plain-text", "The description contains what looks like an API key.");
        }
        String role = command.role() == null ? DEFAULT_ROLE : command.role();
        requireValidRole(role);
        if (directory.isNameTaken(command.tenantId(), name)) {
            throw new AgentNameTaken(name);
        }
        apply(new AgentCreated(
                command.tenantId(),
                command.agentId(),
                name,
                command.description(),
                role,
                command.sponsorId(),
                command.sponsorName(),
                command.now()));
    }

    @CommandHandler
    public void handle(RenameAgent command, AgentDirectory directory) {
        requireTenant(command.tenantId());
        String newName = PlainText.normalized("agent name", command.name());
        requireValidName(newName);
        if (newName.equals(name)) {
            return; // already so named: nothing happened
        }
        if (directory.isNameTaken(tenantId, newName)) {
            throw new AgentNameTaken(newName);
        }
        apply(new AgentRenamed(tenantId, agentId, name, newName, command.now()));
    }

    @CommandHandler
    public void handle(UpdateAgent command, AgentDirectory directory) {
        requireTenant(command.tenantId());
        String newName = command.name() == null ? null : PlainText.normalized("agent name", command.name());
        if (newName != null) {
            requireValidName(newName);
        }
        if (command.role() != null) {
            requireValidRole(command.role());
        }
        boolean renamed = newName != null && !newName.equals(name);
        if (renamed && directory.isNameTaken(tenantId, newName)) {
            throw new AgentNameTaken(newName);
        }
        if (renamed) {
            apply(new AgentRenamed(tenantId, agentId, name, newName, command.now()));
        }
        if (command.role() != null && !command.role().equals(role)) {
            apply(new AgentRoleChanged(tenantId, agentId, role, command.role(), command.now()));
        }
    }

    @CommandHandler
    public void handle(ChangeAgentRole command) {
        requireTenant(command.tenantId());
        requireValidRole(command.role());
        if (command.role().equals(role)) {
            return;
        }
        apply(new AgentRoleChanged(tenantId, agentId, role, command.role(), command.now()));
    }

    @CommandHandler
    public void handle(DisableAgent command) {
        requireTenant(command.tenantId());
        if (!disabled) {
            apply(new AgentDisabled(tenantId, agentId, name, command.now()));
        }
    }

    @CommandHandler
    public void handle(EnableAgent command) {
        requireTenant(command.tenantId());
        if (disabled) {
            apply(new AgentEnabled(tenantId, agentId, name, command.now()));
        }
    }

    @EventSourcingHandler
    void on(AgentCreated event) {
        agentId = event.agentId();
        tenantId = event.tenantId();
        name = event.name();
        role = event.role();
    }

    @EventSourcingHandler
    void on(AgentRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(AgentRoleChanged event) {
        role = event.role();
    }

    @EventSourcingHandler
    void on(AgentDisabled event) {
        disabled = true;
    }

    @EventSourcingHandler
    void on(AgentEnabled event) {
        disabled = false;
    }

    private void requireTenant(String callerTenantId) {
        if (!tenantId.equals(callerTenantId)) {
            // Another tenant's agent is indistinguishable from one that does not exist.
            throw new AgentNotFound(agentId);
        }
    }

    private static void requireValidName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || !name.equals(name.strip())) {
            throw new InvalidRequest(
                    "invalid-agent-name",
                    "An agent name is 1 to " + MAX_NAME_LENGTH + " characters without leading or trailing spaces.");
        }
        if (SecretText.containsKey(name)) {
            throw new InvalidRequest("secret-in-plain-text", "The name contains what looks like an API key.");
        }
    }

    private static void requireValidRole(String role) {
        if (!ROLES.contains(role)) {
            throw new InvalidRequest(
                    "invalid-agent-role",
                    "An agent's role is one of " + String.join(", ", ROLES) + " (never owner), not '" + role + "'.");
        }
    }
}
