package dev.runnel.shell.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shell talks to Runnel only through JDBC: whatever works in the shell works for any JDBC
 * client, and the shell works against a remote server unchanged.
 */
@AnalyzeClasses(packages = "dev.runnel.shell", importOptions = ImportOption.DoNotIncludeTests.class)
class ShellArchitectureTest {

    @ArchTest
    static final ArchRule shellReachesRunnelOnlyThroughJdbc = classes().that().resideInAPackage("dev.runnel.shell..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.runnel.shell..", "dev.runnel.jdbc..",
                    "java..", "javax..", "org.jline..", "picocli..")
            .because("the shell is a JDBC client like any other");

    @ArchTest
    static final ArchRule shellNeverTouchesTheEngine = noClasses().that().resideInAPackage("dev.runnel.shell..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.runnel.exec..", "dev.runnel.planner..",
                    "dev.runnel.sql..", "dev.runnel.log..", "dev.runnel.server..", "dev.runnel.jdbc.impl..",
                    "dev.runnel.jdbc.spi..")
            .because("the engine sits behind the driver; the driver's internals are not the shell's API");
}
