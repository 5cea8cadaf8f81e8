package dev.hallmark.fuse.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.hallmark.testkit.arch.HallmarkArchitectureRules;

/** The rules of DESIGN.md, run over this module. */
@AnalyzeClasses(packages = "dev.hallmark.fuse", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchTests RULES = ArchTests.in(HallmarkArchitectureRules.class);
}
