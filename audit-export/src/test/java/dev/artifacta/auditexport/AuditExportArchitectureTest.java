package dev.artifacta.auditexport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The export reads what the query side stores; it never reaches into the command side or the server. */
@AnalyzeClasses(packages = "dev.artifacta.auditexport", importOptions = ImportOption.DoNotIncludeTests.class)
class AuditExportArchitectureTest {

    // The module holds no classes yet (issue #4): an empty rule must not fail until it does.
    @ArchTest
    static final ArchRule audit_export_does_not_depend_on_command_side_or_server = noClasses()
            .that()
            .resideInAPackage("dev.artifacta.auditexport..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.artifacta.command..", "dev.artifacta.server..")
            .allowEmptyShould(true);
}
