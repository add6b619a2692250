package dev.artifacta.server.processing.axon;

import dev.artifacta.command.agents.Agent;
import dev.artifacta.command.agents.AgentDirectory;
import dev.artifacta.command.apikeys.ApiKey;
import dev.artifacta.command.apikeys.KeyAllowances;
import dev.artifacta.command.artifacts.Artifact;
import dev.artifacta.command.artifacts.ArtifactNotFound;
import dev.artifacta.command.artifacts.ContentStore;
import dev.artifacta.command.comments.Comment;
import dev.artifacta.command.comments.CommentThreads;
import dev.artifacta.command.oauthclients.OAuthClient;
import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.projects.Project;
import dev.artifacta.command.projects.ProjectDirectory;
import dev.artifacta.command.sharing.ShareLink;
import dev.artifacta.command.sharing.ShareableArtifacts;
import dev.artifacta.command.signup.SignUpHandler;
import dev.artifacta.command.tenants.Tenant;
import dev.artifacta.command.tenants.TenantDirectory;
import jakarta.inject.Singleton;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * The command side in Axon: its aggregates, the signup handler, and the components (ports of the
 * command side, implemented on its lookup tables) that command handlers receive as parameters.
 */
@Singleton
class CommandHandling {

    /** Artifacts with long histories load from a snapshot taken every this many events. */
    static final int SNAPSHOT_EVERY = 100;

    /** Artifacts kept in memory between commands, weighed by their events (see {@link FreshAggregateCache}). */
    static final long CACHED_ARTIFACT_EVENTS = 100_000;

    private final PlanCatalog plans;
    private final KeyAllowances keyAllowances;
    private final TenantDirectory tenants;
    private final ProjectDirectory projects;
    private final ContentStore contentStore;
    private final AgentDirectory agents;
    private final CommentThreads threads;
    private final ConnectionProvider connections;

    CommandHandling(
            PlanCatalog plans,
            KeyAllowances keyAllowances,
            TenantDirectory tenants,
            ProjectDirectory projects,
            ContentStore contentStore,
            AgentDirectory agents,
            CommentThreads threads,
            ConnectionProvider connections) {
        this.plans = plans;
        this.keyAllowances = keyAllowances;
        this.tenants = tenants;
        this.projects = projects;
        this.contentStore = contentStore;
        this.agents = agents;
        this.threads = threads;
        this.connections = connections;
    }

    void configure(Configurer configurer) {
        configurer
                .registerComponent(PlanCatalog.class, c -> plans)
                .registerComponent(KeyAllowances.class, c -> keyAllowances)
                .registerComponent(ProjectDirectory.class, c -> projects)
                .registerComponent(ContentStore.class, c -> contentStore)
                .registerComponent(AgentDirectory.class, c -> agents)
                .registerComponent(CommentThreads.class, c -> threads)
                .registerComponent(ShareableArtifacts.class, c -> (artifactId, tenantId) -> {
                    try {
                        c.repository(Artifact.class).load(artifactId).execute(a -> a.requireVisibleTo(tenantId));
                    } catch (AggregateNotFoundException | IncompatibleAggregateException notAnArtifact) {
                        throw new ArtifactNotFound(artifactId);
                    }
                })
                .configureAggregate(Tenant.class)
                .configureAggregate(ApiKey.class)
                .configureAggregate(Agent.class)
                .configureAggregate(Project.class)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Artifact.class)
                        .configureSnapshotTrigger(
                                c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), SNAPSHOT_EVERY))
                        .configureCache(c -> new FreshAggregateCache(connections, CACHED_ARTIFACT_EVENTS)))
                .configureAggregate(ShareLink.class)
                .configureAggregate(Comment.class)
                .configureAggregate(OAuthClient.class)
                .registerCommandHandler(c -> new SignUpHandler(
                        c.repository(Tenant.class),
                        c.repository(ApiKey.class),
                        c.repository(Project.class),
                        tenants,
                        plans));
    }
}
