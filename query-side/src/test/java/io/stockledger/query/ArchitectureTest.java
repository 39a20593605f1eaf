package io.stockledger.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.config.ProcessingGroup;
import org.springframework.web.bind.annotation.RestController;

@AnalyzeClasses(packagesOf = QuerySideApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Features keep their projections, queries, tables and controllers to themselves. */
    @ArchTest
    static final ArchRule featureInternalsArePackagePrivate = classes()
            .that()
            .resideInAnyPackage("..query.stock..", "..query.audit..", "..query.reservation..", "..query.eventlog..")
            .and()
            .areTopLevelClasses()
            .and()
            .doNotHaveSimpleName("package-info")
            .and()
            .doNotHaveSimpleName("EventLog")
            .and()
            .doNotHaveSimpleName("RecordedEventLog")
            .and()
            .doNotHaveSimpleName("StoredTokens")
            .and()
            .doNotHaveSimpleName("ProjectionPositions")
            .should()
            .bePackagePrivate();

    @ArchTest
    static final ArchRule projectionsArePackagePrivate =
            classes().that().areAnnotatedWith(ProcessingGroup.class).should().bePackagePrivate();

    @ArchTest
    static final ArchRule controllersArePackagePrivate =
            classes().that().areAnnotatedWith(RestController.class).should().bePackagePrivate();

    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("io.stockledger.query.(*)..").should().beFreeOfCycles();

    /** Features meet only through the contract (shared-api) and the query bus, never through each other's code. */
    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOther = slices().matching(
                    "io.stockledger.query.(stock|audit|reservation)..")
            .should()
            .notDependOnEachOther();

    @ArchTest
    static final ArchRule onlyTheWebEdgeIsSharedByFeatures = noClasses()
            .that()
            .resideInAnyPackage("..query.stock..", "..query.audit..", "..query.reservation..")
            .should()
            .dependOnClassesThat(DescribedPredicate.describe(
                    "event log internals (EventLog, RecordedEventLog and StoredTokens are its published seams)",
                    javaClass -> javaClass.getPackageName().contains(".query.eventlog")
                            && !javaClass.getSimpleName().equals("EventLog")
                            && !javaClass.getSimpleName().equals("RecordedEventLog")
                            && !javaClass.getSimpleName().equals("StoredTokens")));

    /** The events database is reached through Axon's storage engine, from one place. */
    @ArchTest
    static final ArchRule onlyTheEventLogReadsTheEventStore = noClasses()
            .that()
            .resideOutsideOfPackage("..query.eventlog..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.axonframework.eventsourcing.eventstore..");

    /** Projections own their tables and never load aggregates. */
    @ArchTest
    static final ArchRule projectionsNeverLoadAggregates = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.axonframework.modelling.command..", "org.axonframework.eventsourcing");
}
