package dev.artifacta.server;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The server's packages depend on each other in one direction: web features and {@code http} use
 * the event processing ({@code processing}), never the other way round, and no two packages need
 * each other.
 */
@AnalyzeClasses(packages = "dev.artifacta.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerArchitectureTest {

    @ArchTest
    static final ArchRule no_cycles_between_the_servers_packages =
            slices().matching("dev.artifacta.server.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule no_cycles_inside_processing =
            slices().matching("dev.artifacta.server.processing.(*)..").should().beFreeOfCycles();

    /**
     * Processing is the stable part: a web feature or the HTTP glue can change without it. (It
     * depends on no other server package at all, so a new feature package is covered too.)
     */
    @ArchTest
    static final ArchRule processing_does_not_depend_on_web_features_or_http = noClasses()
            .that()
            .resideInAPackage("dev.artifacta.server.processing..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.artifacta.server..")
                    .and(resideOutsideOfPackage("dev.artifacta.server.processing.."))
                    .as("are in the server outside processing (web features, http)"));
}
