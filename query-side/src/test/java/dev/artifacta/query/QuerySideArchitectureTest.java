package dev.artifacta.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.artifacta.query.infrastructure.StreamingView;
import org.axonframework.config.ProcessingGroup;

/** The query side reads events only; each projection runs in its own processing group. */
@AnalyzeClasses(packages = "dev.artifacta.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static final ArchRule query_side_does_not_depend_on_the_other_sides = noClasses()
            .that()
            .resideInAPackage("dev.artifacta.query..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.artifacta.command..", "dev.artifacta.server..", "dev.artifacta.auditexport..");

    @ArchTest
    static final ArchRule projections_are_in_a_processing_group =
            classes().that().haveSimpleNameEndingWith("Projection").should().beAnnotatedWith(ProcessingGroup.class);

    /** The server finds a view by this declaration: a projection without it would never run. */
    @ArchTest
    static final ArchRule projections_declare_their_view =
            classes().that().haveSimpleNameEndingWith("Projection").should().beAnnotatedWith(StreamingView.class);
}
