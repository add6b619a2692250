package dev.artifacta.server;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.micronaut.http.annotation.Controller;

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

    /**
     * Controllers map HTTP to application services and never call each other: two entry points to
     * one use case share the service (share links and artifact routes share {@code ArtifactService}).
     */
    @ArchTest
    static final ArchRule controllers_do_not_depend_on_each_other = noClasses()
            .that()
            .areAnnotatedWith(Controller.class)
            .should(dependOnAnotherController())
            .as("no controller depends on another controller");

    /**
     * The web layer reaches the command side through its ports (directories, stores, commands); its
     * infrastructure (rows, repositories, JDBC implementations) is for the packages that wire
     * processing and security, and nothing else.
     */
    @ArchTest
    static final ArchRule only_processing_and_security_import_command_side_infrastructure = noClasses()
            .that()
            .resideOutsideOfPackages("dev.artifacta.server.processing..", "dev.artifacta.server.auth..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.artifacta.command..infrastructure..");

    private static ArchCondition<JavaClass> dependOnAnotherController() {
        return new ArchCondition<>("depend on another controller") {
            @Override
            public void check(JavaClass controller, ConditionEvents events) {
                for (Dependency dependency : controller.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    JavaClass outermost = target;
                    while (outermost.getEnclosingClass().isPresent()) {
                        outermost = outermost.getEnclosingClass().get();
                    }
                    if (!outermost.equals(controller) && outermost.isAnnotatedWith(Controller.class)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
