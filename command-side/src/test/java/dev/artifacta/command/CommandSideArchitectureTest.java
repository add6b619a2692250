package dev.artifacta.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.modelling.command.AggregateRoot;

/**
 * The command side knows the event contract and Axon, nothing of the other sides; Micronaut and JDBC
 * stay in {@code infrastructure} packages, and aggregates take the time from the command.
 */
@AnalyzeClasses(packages = "dev.artifacta.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule command_side_does_not_depend_on_the_other_sides = noClasses()
            .that()
            .resideInAPackage("dev.artifacta.command..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.artifacta.query..", "dev.artifacta.server..", "dev.artifacta.auditexport..");

    @ArchTest
    static final ArchRule domain_does_not_depend_on_micronaut_or_jdbc = noClasses()
            .that()
            .resideInAPackage("dev.artifacta.command..")
            .and()
            .resideOutsideOfPackage("..infrastructure..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.micronaut..", "jakarta.inject..", "java.sql..");

    @ArchTest
    static final ArchRule domain_does_not_depend_on_infrastructure = noClasses()
            .that()
            .resideInAPackage("dev.artifacta.command..")
            .and()
            .resideOutsideOfPackage("..infrastructure..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.artifacta.command..infrastructure..");

    @ArchTest
    static final ArchRule aggregates_do_not_read_the_clock = noClasses()
            .that()
            .areAnnotatedWith(AggregateRoot.class)
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(Clock.class)
            .orShould()
            .callMethod(Instant.class, "now")
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .because("commands carry the time (now), so aggregates are deterministic and replayable");
}
