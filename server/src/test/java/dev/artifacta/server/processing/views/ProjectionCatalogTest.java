package dev.artifacta.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.command.CommandLookups;
import dev.artifacta.server.axon.AxonFactory;
import dev.artifacta.server.ops.ProjectionCatalog.Kind;
import dev.artifacta.server.ops.ProjectionCatalog.Projection;
import org.junit.jupiter.api.Test;

class ProjectionCatalogTest {

    private final ProjectionCatalog catalog = new ProjectionCatalog();

    @Test
    void everyStreamingProcessorIsAViewInTheCatalog_andTheLookupsComeLast() {
        assertThat(catalog.all().stream()
                        .filter(p -> p.kind() == Kind.STREAMING)
                        .map(Projection::processor))
                .containsExactlyElementsOf(AxonFactory.STREAMING_PROCESSORS);
        Projection lookups = catalog.all().getLast();
        assertThat(lookups.processor()).isEqualTo(CommandLookups.PROCESSING_GROUP);
        assertThat(lookups.kind()).isEqualTo(Kind.IN_TRANSACTION);
    }

    @Test
    void everyViewHasTables_andNoTableBelongsToTwoViews() {
        assertThat(catalog.all()).allSatisfy(p -> assertThat(p.tables()).isNotEmpty());
        assertThat(catalog.all().stream().flatMap(p -> p.tables().stream())).doesNotHaveDuplicates();
        assertThat(catalog.find("audit-log").orElseThrow().tables()).containsExactly("audit_log", "audit_tenant");
        assertThat(catalog.find("audit_log")).isEmpty();
    }
}
