package dev.artifacta.server.processing.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.artifacta.command.CommandLookups;
import dev.artifacta.query.apikeylist.ApiKeyListProjection;
import dev.artifacta.query.auditlog.AuditLogProjection;
import dev.artifacta.query.infrastructure.StreamingView;
import dev.artifacta.server.processing.views.ProjectionCatalog.Kind;
import dev.artifacta.server.processing.views.ProjectionCatalog.Projection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;

class ProjectionCatalogTest {

    /** Every projection of the query side that declares its view, in no particular order. */
    private static final List<Class<?>> DECLARED = declaredViews();

    private final ProjectionCatalog catalog = new ProjectionCatalog(DECLARED);

    @Test
    void everyDeclaredViewIsInTheCatalogInItsDeclaredOrder_andTheLookupsComeLast() {
        assertThat(catalog.streamingProcessors())
                .containsExactly(
                        "api-key-list",
                        "audit-log",
                        "project-list",
                        "artifact-heads",
                        "artifact-versions",
                        "share-link-list",
                        "agent-list",
                        "member-list",
                        "comment-list");
        assertThat(catalog.all().stream().filter(p -> p.kind() == Kind.STREAMING))
                .containsExactlyElementsOf(catalog.streaming());
        Projection lookups = catalog.all().getLast();
        assertThat(lookups.processor()).isEqualTo(CommandLookups.PROCESSING_GROUP);
        assertThat(lookups.kind()).isEqualTo(Kind.IN_TRANSACTION);
        assertThat(lookups.tables())
                .containsExactly(
                        "tenant_registry",
                        "credential_registry",
                        "project_registry",
                        "share_link_registry",
                        "agent_registry",
                        "member_registry",
                        "invitation_registry",
                        "comment_registry",
                        "oauth_client_registry");
    }

    @Test
    void theOrderDoesNotDependOnTheOrderTheViewsAreFoundIn() {
        var reversed = new ArrayList<>(DECLARED);
        Collections.reverse(reversed);
        assertThat(new ProjectionCatalog(reversed).all()).isEqualTo(catalog.all());
    }

    @Test
    void everyViewHasTables_andNoTableBelongsToTwoViews() {
        assertThat(catalog.all()).allSatisfy(p -> assertThat(p.tables()).isNotEmpty());
        assertThat(catalog.all().stream().flatMap(p -> p.tables().stream())).doesNotHaveDuplicates();
        assertThat(catalog.find("audit-log").orElseThrow().tables()).containsExactly("audit_log", "audit_tenant");
        assertThat(catalog.find("audit-log").orElseThrow().sequencing()).isEqualTo(StreamingView.Sequencing.PER_TENANT);
        assertThat(catalog.find("audit_log")).isEmpty();
    }

    @Test
    void aViewDeclaredTwice_isRefused() {
        assertThatThrownBy(() -> new ProjectionCatalog(List.of(ApiKeyListProjection.class, ApiKeyListProjection.class)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aProjectionWithoutADeclaration_isRefused() {
        assertThatThrownBy(() -> new ProjectionCatalog(List.of(AuditLogProjection.class, Undeclared.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@StreamingView");
    }

    @Test
    void aViewKeyingAfterItsLoadATableNotItsOwn_isRefused() {
        assertThatThrownBy(() -> new ProjectionCatalog(List.of(AuditLogProjection.class, KeysAnother.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keys-another");
    }

    @Test
    void onlyTheAuditLogIsKeyedAfterItsLoad() {
        assertThat(catalog.find("audit-log").orElseThrow().keyedAfterLoad()).containsExactly("audit_log");
        assertThat(catalog.all().stream().filter(p -> !p.name().equals("audit-log")))
                .allSatisfy(p -> assertThat(p.keyedAfterLoad()).isEmpty());
    }

    @ProcessingGroup("undeclared")
    static class Undeclared {}

    @ProcessingGroup("keys-another")
    @StreamingView(order = 999, tables = "keys_another", keyedAfterLoad = "audit_log")
    static class KeysAnother {}

    private static List<Class<?>> declaredViews() {
        return new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.artifacta.query")
                        .stream()
                        .filter(type -> type.isAnnotatedWith(StreamingView.class))
                        .map(JavaClass::reflect)
                        .<Class<?>>map(type -> type)
                        .toList();
    }
}
