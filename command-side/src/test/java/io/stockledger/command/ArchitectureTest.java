package io.stockledger.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.stockledger.command.stock.PositionReservations;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.web.bind.annotation.RestController;

/** The command side's shape: feature packages, private internals, one published seam between features. */
@AnalyzeClasses(packages = "io.stockledger.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule aggregatesArePackagePrivate =
            classes().that().areAnnotatedWith(Aggregate.class).should().notBePublic();

    @ArchTest
    static final ArchRule controllersArePackagePrivate =
            classes().that().areAnnotatedWith(RestController.class).should().notBePublic();

    @ArchTest
    static final ArchRule featuresHaveNoCycles =
            slices().matching("io.stockledger.command.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule reservationsUseStockOnlyThroughItsSeam = noClasses()
            .that()
            .resideInAPackage("io.stockledger.command.reservation..")
            .should()
            .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "stock internals",
                    javaClass -> javaClass.getPackageName().startsWith("io.stockledger.command.stock")
                            && !javaClass.isEquivalentTo(PositionReservations.class)
                            && !javaClass.isEquivalentTo(PositionReservations.Allowance.class)));

    @ArchTest
    static final ArchRule platformKnowsNoFeature = noClasses()
            .that()
            .resideInAPackage("io.stockledger.command.platform..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.stockledger.command.stock..", "io.stockledger.command.reservation..");
}
