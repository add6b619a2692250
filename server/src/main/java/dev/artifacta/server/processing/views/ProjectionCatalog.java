package dev.artifacta.server.processing.views;

import dev.artifacta.command.CommandLookups;
import dev.artifacta.command.agents.infrastructure.AgentRegistryProjection;
import dev.artifacta.command.apikeys.infrastructure.CredentialRegistryProjection;
import dev.artifacta.command.comments.infrastructure.CommentRegistryProjection;
import dev.artifacta.command.members.infrastructure.MemberRegistryProjection;
import dev.artifacta.command.oauthclients.infrastructure.OAuthClientRegistryProjection;
import dev.artifacta.command.projects.infrastructure.ProjectRegistryProjection;
import dev.artifacta.command.sharing.infrastructure.ShareLinkRegistryProjection;
import dev.artifacta.command.tenants.infrastructure.TenantRegistryProjection;
import dev.artifacta.query.infrastructure.StreamingView;
import io.micronaut.context.BeanContext;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;

/**
 * Every view the server keeps, with the processor that writes it, how it is written, its tables (in
 * the fixed order a checksum covers them) and the projections that write it.
 *
 * <p>The streaming views are found, not listed: every bean declared a {@link StreamingView} is one,
 * named by its {@code @ProcessingGroup}, in the order the declarations give. The processors, the
 * read-your-writes wait, the monitor, the checksums and the rebuilds all take their views from here.
 * The command side's lookup tables come last, as one in-transaction view; they are listed here
 * because the command side cannot know the query side's declaration, and the order of their
 * projections is the order their handlers run in the append's transaction.
 *
 * <p>Primary-key columns are not listed: the checksum reads them from the database's metadata, so a
 * migration cannot leave this catalog stale.
 */
@Singleton
public final class ProjectionCatalog {

    /** How a view is written. */
    public enum Kind {
        /** By a tracking processor with tokens in {@code token_entry}, after the append commits; replayable. */
        STREAMING("streaming"),
        /** By the subscribing group in the append's own transaction: never behind the event store. */
        IN_TRANSACTION("in-transaction");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A view: its name (the name of its processor), how it is written, its tables, the projection
     * classes (beans) that write it and, for a streaming view, how its events are sequenced and
     * which of its tables a rebuild keys only after its load ({@link StreamingView#keyedAfterLoad()}).
     */
    public record Projection(
            String name,
            String processor,
            Kind kind,
            List<String> tables,
            List<Class<?>> projections,
            StreamingView.Sequencing sequencing,
            List<String> keyedAfterLoad) {}

    /** The command side's lookup tables, written in the append's transaction. */
    static final Projection COMMAND_LOOKUPS = new Projection(
            CommandLookups.PROCESSING_GROUP,
            CommandLookups.PROCESSING_GROUP,
            Kind.IN_TRANSACTION,
            List.of(
                    "tenant_registry",
                    "credential_registry",
                    "project_registry",
                    "share_link_registry",
                    "agent_registry",
                    "member_registry",
                    "invitation_registry",
                    "comment_registry",
                    "oauth_client_registry"),
            List.of(
                    TenantRegistryProjection.class,
                    CredentialRegistryProjection.class,
                    MemberRegistryProjection.class,
                    ProjectRegistryProjection.class,
                    ShareLinkRegistryProjection.class,
                    AgentRegistryProjection.class,
                    CommentRegistryProjection.class,
                    OAuthClientRegistryProjection.class),
            StreamingView.Sequencing.PER_AGGREGATE,
            List.of());

    private final List<Projection> all;
    private final List<Projection> streaming;

    /** The views of the application: every bean declared a {@link StreamingView}, then the lookups. */
    @Inject
    public ProjectionCatalog(BeanContext beans) {
        this(beans.getBeanDefinitions(Qualifiers.byStereotype(StreamingView.class)).stream()
                .<Class<?>>map(BeanDefinition::getBeanType)
                .toList());
    }

    /**
     * The views written by {@code streamingProjections} (classes declared a {@link StreamingView}),
     * then the lookups.
     *
     * @throws IllegalStateException when a declaration is incomplete or two views share a name, an
     *     order or a table
     */
    public ProjectionCatalog(Collection<Class<?>> streamingProjections) {
        var views = new ArrayList<Projection>();
        var orders = new HashMap<Integer, String>();
        for (Class<?> type : streamingProjections) {
            StreamingView view = type.getAnnotation(StreamingView.class);
            ProcessingGroup group = type.getAnnotation(ProcessingGroup.class);
            if (view == null || group == null) {
                throw new IllegalStateException(
                        type.getName() + " must carry both @StreamingView and @ProcessingGroup to be a view");
            }
            String clash = orders.put(view.order(), group.value());
            if (clash != null) {
                throw new IllegalStateException(
                        "Views " + clash + " and " + group.value() + " both declare order " + view.order());
            }
            views.add(new Projection(
                    group.value(),
                    group.value(),
                    Kind.STREAMING,
                    List.of(view.tables()),
                    List.of(type),
                    view.sequencing(),
                    List.of(view.keyedAfterLoad())));
            if (!List.of(view.tables()).containsAll(List.of(view.keyedAfterLoad()))) {
                throw new IllegalStateException(
                        "View " + group.value() + " keys after its load tables that are not its own");
            }
        }
        views.sort(Comparator.comparingInt(p -> orderOf(p)));
        this.streaming = List.copyOf(views);
        views.add(COMMAND_LOOKUPS);
        requireDistinct(views);
        this.all = List.copyOf(views);
    }

    /** Every view: the streaming ones in their declared order, then the lookups. */
    public List<Projection> all() {
        return all;
    }

    /** The streaming views, in their declared order. */
    public List<Projection> streaming() {
        return streaming;
    }

    /** The names of the streaming views' processors, in their declared order. */
    public List<String> streamingProcessors() {
        return streaming.stream().map(Projection::processor).toList();
    }

    /** The in-transaction view of the command side's lookup tables. */
    public Projection commandLookups() {
        return COMMAND_LOOKUPS;
    }

    public Optional<Projection> find(String name) {
        return all.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static int orderOf(Projection projection) {
        return projection
                .projections()
                .getFirst()
                .getAnnotation(StreamingView.class)
                .order();
    }

    private static void requireDistinct(List<Projection> views) {
        var names = new HashMap<String, Projection>();
        var tables = new HashMap<String, String>();
        for (Projection view : views) {
            if (view.tables().isEmpty()) {
                throw new IllegalStateException("View " + view.name() + " declares no tables");
            }
            if (names.put(view.name(), view) != null) {
                throw new IllegalStateException("Two views are named " + view.name());
            }
            for (String table : view.tables()) {
                String owner = tables.put(table, view.name());
                if (owner != null) {
                    throw new IllegalStateException(
                            "Table " + table + " belongs to both " + owner + " and " + view.name());
                }
            }
        }
    }
}
