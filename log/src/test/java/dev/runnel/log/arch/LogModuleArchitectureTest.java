package dev.runnel.log.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Pins the module rules that concern the log: it deals in bytes and knows nothing of SQL, Calcite
 * or Arrow, and it reaches no other Runnel module. Rules for modules added later (executor never
 * imports Calcite, the shell reaches the engine only through JDBC) live beside those modules.
 */
@AnalyzeClasses(packages = "dev.runnel.log", importOptions = ImportOption.DoNotIncludeTests.class)
class LogModuleArchitectureTest {

    @ArchTest
    static final ArchRule logKnowsNoSql = noClasses().that().resideInAPackage("dev.runnel.log..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.apache.calcite..")
            .because("the log stores bytes; SQL lives in sql-parser, planner and executor");

    @ArchTest
    static final ArchRule logKnowsNoArrow = noClasses().that().resideInAPackage("dev.runnel.log..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.arrow..")
            .because("columnar encoding is the executor's business, not the log's");

    @ArchTest
    static final ArchRule logReachesNoOtherModule = noClasses().that().resideInAPackage("dev.runnel.log..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.runnel.sql..", "dev.runnel.planner..",
                    "dev.runnel.exec..", "dev.runnel.server..", "dev.runnel.jdbc..", "dev.runnel.shell..",
                    "dev.runnel.bench..")
            .because("log is the bottom of the module graph");

    @ArchTest
    static final ArchRule storageDoesNotReachUp = noClasses().that().resideInAPackage("dev.runnel.log.storage..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.runnel.log.embedded..", "dev.runnel.log.group..",
                    "dev.runnel.log.cleaner..", "dev.runnel.log.cli..")
            .because("segments and partitions are the layer the store, groups and cleaner build on");
}
