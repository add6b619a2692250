package dev.artifacta.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The CLI is a client of the HTTP API: it may use audit-export's offline verifier, and nothing else
 * of ours, so it never does what a key over HTTP could not.
 */
@AnalyzeClasses(packages = "dev.artifacta.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTest {

    @ArchTest
    static final ArchRule cli_talks_to_the_server_only_over_http = noClasses()
            .that()
            .resideInAPackage("dev.artifacta.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.artifacta.server..",
                    "dev.artifacta.command..",
                    "dev.artifacta.query..",
                    "dev.artifacta.events..",
                    "dev.artifacta.auditexport.export..",
                    "io.micronaut..",
                    "org.axonframework..",
                    "java.sql..");

    /** Commands reach the server through one client, which redacts the key in every dry run. */
    @ArchTest
    static final ArchRule only_the_api_client_uses_the_http_client = noClasses()
            .that()
            .resideOutsideOfPackage("dev.artifacta.cli.support..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.net.http.HttpClient");
}
