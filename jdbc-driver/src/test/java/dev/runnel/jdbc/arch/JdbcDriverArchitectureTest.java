package dev.runnel.jdbc.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The driver stays thin: it needs only Avatica, so applications that talk to a server carry no
 * engine; the engine is found at run time through {@code dev.runnel.jdbc.spi.MetaFactory}.
 */
@AnalyzeClasses(packages = "dev.runnel.jdbc", importOptions = ImportOption.DoNotIncludeTests.class)
class JdbcDriverArchitectureTest {

    @ArchTest
    static final ArchRule driverReachesNoEngineModule = noClasses().that().resideInAPackage("dev.runnel.jdbc..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.runnel.log..", "dev.runnel.sql..",
                    "dev.runnel.planner..", "dev.runnel.exec..", "dev.runnel.server..", "dev.runnel.shell..",
                    "dev.runnel.bench..", "org.apache.calcite.sql..", "org.apache.calcite.rel..")
            .because("the driver is the thin client; the engine plugs in through the MetaFactory SPI");
}
