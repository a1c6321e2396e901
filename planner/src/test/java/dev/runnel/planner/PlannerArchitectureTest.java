package dev.runnel.planner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Pins the planner's module rules: the records the executor consumes (plans, expressions, catalog
 * entries, {@link PlannedStatement}, the streaming analysis of plans) reference no Calcite type, so the executor never needs
 * Calcite; and the planner reaches no module above it.
 */
@AnalyzeClasses(packages = "dev.runnel.planner", importOptions = ImportOption.DoNotIncludeTests.class)
class PlannerArchitectureTest {

    @ArchTest
    static final ArchRule executorFacingRecordsKnowNoCalcite = noClasses()
            .that().resideInAnyPackage("dev.runnel.planner.physical..", "dev.runnel.planner.expr..",
                    "dev.runnel.planner.catalog..", "dev.runnel.planner.streaming..")
            .or().haveFullyQualifiedName(PlannedStatement.class.getName())
            .or().haveNameMatching(PlannedStatement.class.getName() + "\\$.*")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.calcite..")
            .because("Calcite stops at the planner: the executor receives Runnel's own plan records");

    @ArchTest
    static final ArchRule plannerReachesNoModuleAboveIt = noClasses().that().resideInAPackage("dev.runnel.planner..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.runnel.log..", "dev.runnel.exec..",
                    "dev.runnel.server..", "dev.runnel.jdbc..", "dev.runnel.shell..", "dev.runnel.bench..")
            .because("the planner depends on sql-parser only");

    @ArchTest
    static final ArchRule explainAndDdlDoNotDependOnCalciteInternals = noClasses()
            .that().resideInAnyPackage("dev.runnel.planner.explain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.calcite..")
            .because("EXPLAIN renders Runnel's physical plan, not Calcite's");
}
