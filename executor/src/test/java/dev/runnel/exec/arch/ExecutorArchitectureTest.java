package dev.runnel.exec.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Pins the executor's module rules: Calcite stops at the planner (the executor runs Runnel's own
 * plan records and expressions), and the shared pieces (rows, expressions) do not reach up into
 * operators or plan wiring.
 */
@AnalyzeClasses(packages = "dev.runnel.exec", importOptions = ImportOption.DoNotIncludeTests.class)
class ExecutorArchitectureTest {

    @ArchTest
    static final ArchRule executorNeverUsesCalcite = noClasses().that().resideInAPackage("dev.runnel.exec..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.calcite..")
            .because("Calcite stops at the planner; the executor runs Runnel's own plan records");

    @ArchTest
    static final ArchRule expressionsDoNotKnowOperatorsOrPlans = noClasses().that()
            .resideInAnyPackage("dev.runnel.exec.expr..", "dev.runnel.exec.rows..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.runnel.exec.operator.(*)..", "dev.runnel.exec.plan..")
            .because("expressions and row buffers are building blocks the operators use, not the other way round");

    @ArchTest
    static final ArchRule operatorsDoNotKnowPlanWiring = noClasses().that().resideInAPackage("dev.runnel.exec.operator..")
            .should().dependOnClassesThat().resideInAPackage("dev.runnel.exec.plan..")
            .because("PlanBuilder wires operators; operators only see their Outputs");
}
