package dev.hallmark.testkit.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.hallmark.app.cyclea.A;
import dev.hallmark.app.cycleb.B;
import dev.hallmark.bench.archfixture.BenchThing;
import dev.hallmark.db.archfixture.AdapterThing;
import dev.hallmark.engine.port.Revoker;
import org.junit.jupiter.api.Test;

/** The rules added for issue 14 catch what they name, on small classes made to break them (and not otherwise). */
class HallmarkArchitectureRulesTest {

    /** Outside the db adapter, tests for one of its classes. */
    static final class TestsAdapterClass {
        boolean is(Object o) {
            return o instanceof AdapterThing;
        }
    }

    /** Tests for a port's capability interface, as decision 0017 asks. */
    static final class TestsCapability {
        boolean is(Object o) {
            return o instanceof Revoker;
        }
    }

    /** A product class that uses a benchmark. */
    static final class UsesBench {
        BenchThing bench() {
            return new BenchThing();
        }
    }

    static EvaluationResult evaluate(com.tngtech.archunit.lang.ArchRule rule, Class<?>... classes) {
        JavaClasses imported = new ClassFileImporter().importClasses(classes);
        return rule.evaluate(imported);
    }

    @Test
    void instanceofOnAnAdapterClassOutsideItsAdapterIsAViolation() {
        EvaluationResult result = evaluate(HallmarkArchitectureRules.NO_INSTANCEOF_ON_ADAPTER_CLASSES,
                TestsAdapterClass.class, AdapterThing.class);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).singleElement().asString()
                .contains(TestsAdapterClass.class.getName(), "instanceof " + AdapterThing.class.getName());
    }

    @Test
    void instanceofOnAPortCapabilityIsAllowed() {
        EvaluationResult result = evaluate(HallmarkArchitectureRules.NO_INSTANCEOF_ON_ADAPTER_CLASSES,
                TestsCapability.class, Revoker.class);
        assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
    }

    @Test
    void aLoopBetweenStationAppPackagesIsAViolation() {
        EvaluationResult loop = evaluate(HallmarkArchitectureRules.STATION_APP_PACKAGES_ARE_FREE_OF_CYCLES,
                A.class, B.class);
        assertThat(loop.hasViolation()).isTrue();
        assertThat(loop.getFailureReport().toString()).contains("cyclea", "cycleb");
        EvaluationResult half = evaluate(HallmarkArchitectureRules.STATION_APP_PACKAGES_ARE_FREE_OF_CYCLES,
                A.class);
        assertThat(half.hasViolation()).isFalse();
    }

    @Test
    void theProductImportingABenchmarkIsAViolation() {
        EvaluationResult result = evaluate(HallmarkArchitectureRules.NOTHING_IMPORTS_THE_BENCHMARKS,
                UsesBench.class, BenchThing.class);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains(UsesBench.class.getName(), "BenchThing");
    }

    @Test
    void theAdapterOfAPackageIsItsModulePrefix() {
        assertThat(HallmarkArchitectureRules.adapterOf("dev.hallmark.db.store")).isEqualTo("dev.hallmark.db");
        assertThat(HallmarkArchitectureRules.adapterOf("dev.hallmark.dbx")).isNull();
        assertThat(HallmarkArchitectureRules.adapterOf("dev.hallmark.engine.port")).isNull();
    }
}
