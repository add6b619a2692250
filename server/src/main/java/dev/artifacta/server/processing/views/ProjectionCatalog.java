package dev.artifacta.server.ops;

import dev.artifacta.command.CommandLookups;
import dev.artifacta.query.apikeylist.ApiKeyListProjection;
import dev.artifacta.query.artifacts.ArtifactHeadsProjection;
import dev.artifacta.query.artifacts.ArtifactVersionsProjection;
import dev.artifacta.query.auditlog.AuditLogProjection;
import dev.artifacta.query.projects.ProjectListProjection;
import dev.artifacta.query.sharelinks.ShareLinkListProjection;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Every view the server keeps, with the processor that writes it, how it is written, and its
 * tables (in the fixed order a checksum covers them). Primary-key columns are not listed here: the
 * checksum reads them from the database's metadata, so a migration cannot leave this list stale.
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

    /** A view: its name (the name of its processor), how it is written and its tables. */
    public record Projection(String name, String processor, Kind kind, List<String> tables) {}

    private static final List<Projection> ALL = List.of(
            streaming(ApiKeyListProjection.NAME, "api_key_list"),
            streaming(AuditLogProjection.NAME, "audit_log", "audit_tenant"),
            streaming(ProjectListProjection.NAME, "project_list"),
            streaming(ArtifactHeadsProjection.NAME, "artifact_heads"),
            streaming(ArtifactVersionsProjection.NAME, "artifact_versions"),
            streaming(ShareLinkListProjection.NAME, "share_link_list"),
            new Projection(
                    CommandLookups.PROCESSING_GROUP,
                    CommandLookups.PROCESSING_GROUP,
                    Kind.IN_TRANSACTION,
                    List.of("tenant_registry", "credential_registry", "project_registry", "share_link_registry")));

    /** Every view: the streaming ones in the order of {@code AxonFactory.STREAMING_PROCESSORS}, then the lookups. */
    public List<Projection> all() {
        return ALL;
    }

    public Optional<Projection> find(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static Projection streaming(String processor, String... tables) {
        return new Projection(processor, processor, Kind.STREAMING, List.of(tables));
    }
}
