package org.referraldecisions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package boundaries DESIGN.md promises, enforced: the engine and rule sets work without Spring. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.referraldecisions");

    @Test
    void decisionAndRulesetDoNotDependOnSpring() {
        noClasses().that().resideInAnyPackage("..decision..", "..ruleset..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(CLASSES);
    }

    @Test
    void decisionAndRulesetDoNotDependOnTheApiOrAudit() {
        noClasses().that().resideInAnyPackage("..decision..", "..ruleset..")
                .should().dependOnClassesThat().resideInAnyPackage("org.referraldecisions.api..", "org.referraldecisions.golden..", "org.referraldecisions.cli..", "org.referraldecisions.audit..")
                .check(CLASSES);
    }

    @Test
    void nothingOutsideTheApiDependsOnIt() {
        // api/ only translates HTTP; the door, the wire types and request reading live in service/.
        noClasses().that().resideOutsideOfPackage("org.referraldecisions.api..")
                .should().dependOnClassesThat().resideInAPackage("org.referraldecisions.api..")
                .check(CLASSES);
    }

    @Test
    void theServiceIsNotHttp() {
        noClasses().that().resideInAPackage("org.referraldecisions.service..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..",
                        "jakarta.servlet..", "org.referraldecisions.api..")
                .check(CLASSES);
    }

    @Test
    void rulesetDoesNotDependOnDecision() {
        noClasses().that().resideInAPackage("..ruleset..")
                .should().dependOnClassesThat().resideInAPackage("..decision..")
                .check(CLASSES);
    }

    /** Calendars and bank holidays are plain data: they depend on no other part of the service and never on Spring. */
    @Test
    void calendarDependsOnNothingElseOfTheService() {
        noClasses().that().resideInAPackage("org.referraldecisions.calendar..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.referraldecisions.decision..",
                        "org.referraldecisions.ruleset..", "org.referraldecisions.service..", "org.referraldecisions.api..",
                        "org.referraldecisions.golden..", "org.referraldecisions.cli..", "org.referraldecisions.audit..")
                .check(CLASSES);
    }
}
