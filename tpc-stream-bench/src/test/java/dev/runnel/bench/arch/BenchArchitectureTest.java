package dev.runnel.bench.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Pins the bench module's rules: it reaches the engine through the executor's API and never through
 * Calcite; Flink lives only in the nested module tpc-stream-bench/flink; and what the Flink side
 * borrows from this module (generator, query files, result records, row text, process meter) needs
 * nothing but the JDK, since Flink's JVM has none of Runnel's other jars.
 */
@AnalyzeClasses(packages = "dev.runnel.bench", importOptions = ImportOption.DoNotIncludeTests.class)
class BenchArchitectureTest {

    @ArchTest
    static final ArchRule noCalcite = noClasses().that().resideInAPackage("dev.runnel.bench..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.calcite..")
            .because("Calcite stops at the planner");

    @ArchTest
    static final ArchRule noFlink = noClasses().that().resideInAPackage("dev.runnel.bench..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..")
            .because("Flink is built only with -Pflink, in tpc-stream-bench/flink");

    @ArchTest
    static final ArchRule sharedWithFlinkNeedsOnlyTheJdk = classes()
            .that().resideInAnyPackage("dev.runnel.bench.nexmark.gen..", "dev.runnel.bench.nexmark.query..")
            .or().haveFullyQualifiedName("dev.runnel.bench.nexmark.report.QueryResult")
            .or().haveFullyQualifiedName("dev.runnel.bench.nexmark.report.RunSample")
            .or().haveFullyQualifiedName("dev.runnel.bench.nexmark.run.RowText")
            .or().haveFullyQualifiedName("dev.runnel.bench.nexmark.run.ProcessMeter")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.sun.management..",
                    "dev.runnel.bench.nexmark.gen..", "dev.runnel.bench.nexmark.query..",
                    "dev.runnel.bench.nexmark.report..", "dev.runnel.bench.nexmark.run..")
            .because("the Flink side's JVM loads these classes without Runnel's engine on its classpath");
}
