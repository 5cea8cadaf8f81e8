package dev.hallmark.testkit;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.hallmark.testkit.arch.HallmarkArchitectureRules;

/** testkit's own run of the rules; it also covers provisioning-engine, which cannot depend on testkit. */
@AnalyzeClasses(packages = "dev.hallmark", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchTests RULES = ArchTests.in(HallmarkArchitectureRules.class);
}
