package dev.artifacta.events;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;

/** The contract module stands alone: every other module reads it, it reads none of them. */
@AnalyzeClasses(packages = "dev.artifacta.events", importOptions = ImportOption.DoNotIncludeTests.class)
class EventsArchitectureTest {

    @ArchTest
    static final ArchRule events_depend_on_no_other_artifacta_module = noClasses()
            .that()
            .resideInAPackage("dev.artifacta.events..")
            .should()
            .dependOnClassesThat(
                    resideInAPackage("dev.artifacta..").and(resideOutsideOfPackage("dev.artifacta.events..")))
            .as("the event contract depends on no other Artifacta module");

    @ArchTest
    static final ArchRule events_do_not_depend_on_micronaut = noClasses()
            .that()
            .resideInAPackage("dev.artifacta.events..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.micronaut..");

    @ArchTest
    static final ArchRule every_event_is_a_record_with_a_revision = classes()
            .that()
            .areAssignableTo(ArtifactaEvent.class)
            .and()
            .areNotInterfaces()
            .should()
            .beRecords()
            .andShould()
            .beAnnotatedWith(Revision.class);
}
