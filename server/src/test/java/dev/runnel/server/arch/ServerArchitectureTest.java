package dev.runnel.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The server serves the engine through its facade ({@code dev.runnel.exec.engine}) and the
 * catalog's records; operators, plans, Calcite and the log's internals stay behind it.
 */
@AnalyzeClasses(packages = "dev.runnel.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerArchitectureTest {

    @ArchTest
    static final ArchRule serverUsesTheEngineFacadeOnly = noClasses().that().resideInAPackage("dev.runnel.server..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.runnel.exec.operator..", "dev.runnel.exec.arrow..",
                    "dev.runnel.exec.expr..", "dev.runnel.planner.physical..", "dev.runnel.planner.expr..",
                    "dev.runnel.log..", "org.apache.calcite.sql..", "org.apache.calcite.rel..",
                    "org.apache.calcite.plan..", "org.apache.arrow..", "dev.runnel.shell..")
            .because("JDBC clients see what Engine, Session and the catalog show, nothing of how it runs");
}
