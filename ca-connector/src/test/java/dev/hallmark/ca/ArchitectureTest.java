package dev.hallmark.ca;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.hallmark.testkit.arch.HallmarkArchitectureRules;

/** ca-connector's run of the shared rules over its own classes: no other adapter, no UI, no standard streams. */
@AnalyzeClasses(packages = "dev.hallmark.ca", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchTests RULES = ArchTests.in(HallmarkArchitectureRules.class);
}
