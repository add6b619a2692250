package dev.artifacta.auditexport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The export reads what the query side stores; it never reaches into the command side or the server. */
@AnalyzeClasses(packages = "dev.artifacta.auditexport", importOptions = ImportOption.DoNotIncludeTests.class)
class AuditExportArchitectureTest {

    @ArchTest
    static final ArchRule audit_export_does_not_depend_on_command_side_or_server = noClasses()
            .that()
            .resideInAPackage("dev.artifacta.auditexport..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.artifacta.command..", "dev.artifacta.server..");

    /**
     * The offline verifier ships as a jar of its own with only Jackson, the JCS canonicalizer,
     * Commons CSV and picocli: what it uses must not need the query side, Micronaut or a database.
     */
    @ArchTest
    static final ArchRule verifier_needs_nothing_of_the_server_side = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.artifacta.auditexport.verify..",
                    "dev.artifacta.auditexport.format..",
                    "dev.artifacta.auditexport.checkpoint..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.artifacta.query..", "io.micronaut..", "java.sql..", "javax.sql..");
}
