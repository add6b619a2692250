package dev.artifacta.server.agents;

import dev.artifacta.command.agents.CreateAgent;
import dev.artifacta.command.agents.DisableAgent;
import dev.artifacta.command.agents.EnableAgent;
import dev.artifacta.command.agents.UpdateAgent;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.query.agents.AgentListQueries;
import dev.artifacta.query.agents.AgentListRow;
import dev.artifacta.server.access.AccessPolicy;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.agents.AgentViews.AgentView;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.Refusals;
import dev.artifacta.server.http.Ids;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * The agent use cases: create (sponsored by the calling user), list, read, rename, change role,
 * disable and enable. Managing agents is for owners and admins (through {@link AccessPolicy}); a
 * key acting as an agent sees only that agent.
 */
@Singleton
public class AgentService {

    private final Commands commands;
    private final AgentListQueries agents;
    private final ReadModelBarrier barrier;
    private final Clock clock;

    public AgentService(Commands commands, AgentListQueries agents, ReadModelBarrier barrier, Clock clock) {
        this.commands = commands;
        this.agents = agents;
        this.barrier = barrier;
        this.clock = clock;
    }

    /** Creates an agent; the calling user is its sponsor. */
    public AgentView create(Principal principal, String name, String description, String role, RequestInfo request) {
        String tenantId = requireManager(principal);
        Principal.Identity sponsor = principal.identity().orElseThrow();
        String agentId = UUID.randomUUID().toString();
        commands.send(
                new CreateAgent(
                        agentId,
                        tenantId,
                        name,
                        description,
                        role,
                        sponsor.actor().id(),
                        sponsor.actor().displayName(),
                        clock.instant()),
                principal,
                request);
        barrier.awaitViews();
        return read(principal, agentId);
    }

    /** The agents the principal may see: all of the tenant's, or only the agent it acts as. */
    public List<AgentView> list(Principal principal) {
        String tenantId = Principals.tenantOf(principal);
        Optional<String> only = AccessPolicy.visibleAgentOnly(principal);
        return agents.list(tenantId).stream()
                .filter(row -> only.isEmpty() || only.get().equals(row.agentId()))
                .map(AgentViews::of)
                .toList();
    }

    public AgentView read(Principal principal, String agentId) {
        return AgentViews.of(visible(principal, agentId));
    }

    /** Renames and/or changes the role of an agent; null leaves a field as it is. */
    public AgentView update(Principal principal, String agentId, String name, String role, RequestInfo request) {
        return change(
                principal,
                agentId,
                request,
                (tenantId, now) -> List.of(new UpdateAgent(agentId, tenantId, name, role, now)));
    }

    /** Disables an agent: its keys are refused from the next request on, on every node. */
    public AgentView disable(Principal principal, String agentId, RequestInfo request) {
        return change(
                principal, agentId, request, (tenantId, now) -> List.of(new DisableAgent(agentId, tenantId, now)));
    }

    public AgentView enable(Principal principal, String agentId, RequestInfo request) {
        return change(principal, agentId, request, (tenantId, now) -> List.of(new EnableAgent(agentId, tenantId, now)));
    }

    /** Sends the commands for an agent the principal manages, waits for the views, answers the agent. */
    private AgentView change(
            Principal principal,
            String agentId,
            RequestInfo request,
            java.util.function.BiFunction<String, java.time.Instant, List<Object>> commandsFor) {
        String tenantId = requireManager(principal);
        visible(principal, agentId);
        for (Object command : commandsFor.apply(tenantId, clock.instant())) {
            send(command, agentId, principal, request);
        }
        barrier.awaitViews();
        return read(principal, agentId);
    }

    /**
     * The tenant's agent with this name, created (sponsored by the caller) when there is none: how
     * a key request that names its agent by name, as clients did before agents had ids, is served.
     */
    public AgentListRow findOrCreateByName(Principal principal, String name, RequestInfo request) {
        String tenantId = Principals.tenantOf(principal);
        Optional<AgentListRow> existing = agents.findByName(tenantId, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        String agentId = create(principal, name, null, null, request).id();
        return agents.find(tenantId, agentId).orElseThrow();
    }

    /** The tenant's agent with this name, if there is one. */
    public Optional<AgentListRow> findByName(Principal principal, String name) {
        return agents.findByName(Principals.tenantOf(principal), name);
    }

    /** The agent by id within the principal's tenant, if it exists there. */
    public Optional<AgentListRow> find(Principal principal, String agentId) {
        return Ids.isUuid(agentId) ? agents.find(Principals.tenantOf(principal), agentId) : Optional.empty();
    }

    private String requireManager(Principal principal) {
        String tenantId = Principals.tenantOf(principal);
        Refusals.enforce(
                AccessPolicy.decideAgentManagement(principal, tenantId),
                () -> Problems.unauthenticated("This request needs an API key."),
                "agent.manage");
        return tenantId;
    }

    private AgentListRow visible(Principal principal, String agentId) {
        Optional<String> only = AccessPolicy.visibleAgentOnly(principal);
        return find(principal, agentId)
                .filter(row -> only.isEmpty() || only.get().equals(row.agentId()))
                .orElseThrow(() -> notFound(agentId));
    }

    private void send(Object command, String agentId, Principal principal, RequestInfo request) {
        try {
            commands.send(command, principal, request);
        } catch (AggregateNotFoundException | IncompatibleAggregateException notAnAgent) {
            throw notFound(agentId);
        }
    }

    static ProblemException notFound(String agentId) {
        return Problems.notFound("agent-not-found", "There is no agent with id '" + agentId + "'.");
    }
}
