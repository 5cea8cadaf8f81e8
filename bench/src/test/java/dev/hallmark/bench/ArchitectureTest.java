package dev.hallmark.bench;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.hallmark.testkit.arch.HallmarkArchitectureRules;

/** The rules of DESIGN.md over the station and its benchmarks: nothing of the product imports the bench module. */
@AnalyzeClasses(packages = "dev.hallmark", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchTests RULES = ArchTests.in(HallmarkArchitectureRules.class);
}
