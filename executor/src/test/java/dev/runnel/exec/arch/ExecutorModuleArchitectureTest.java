package dev.runnel.exec.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Pins the executor's module rules: Calcite stops at the planner (the executor runs Runnel's own
 * plan records), and the engine reaches storage only through the {@code LogStore} interface, so
 * the Kafka backend can replace the embedded one.
 */
@AnalyzeClasses(packages = "dev.runnel.exec", importOptions = ImportOption.DoNotIncludeTests.class)
class ExecutorModuleArchitectureTest {

    @ArchTest
    static final ArchRule executorNeverImportsCalcite = noClasses().that().resideInAPackage("dev.runnel.exec..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.calcite..")
            .because("Calcite stops at the planner; the executor runs Runnel's plan records");

    @ArchTest
    static final ArchRule storageOnlyThroughTheLogInterface = noClasses().that().resideInAPackage("dev.runnel.exec..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.runnel.log.embedded..", "dev.runnel.log.storage..",
                    "dev.runnel.log.cleaner..", "dev.runnel.log.group..")
            .because("the engine must run on any LogStore, embedded or Kafka");

    @ArchTest
    static final ArchRule formatsKnowNoLogOrPlanExecution = noClasses().that().resideInAPackage("dev.runnel.exec.format..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.runnel.exec.source..", "dev.runnel.exec.sink..",
                    "dev.runnel.exec.copy..", "dev.runnel.exec.catalog..")
            .because("formats are codecs between Arrow vectors and bytes; sources, sinks and COPY build on them");
}
