package dev.hallmark.testkit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The dependency direction of DESIGN.md and the coding rules every module keeps. A module runs them with
 * {@code @ArchTest static final ArchTests RULES = ArchTests.in(HallmarkArchitectureRules.class);}.
 * Exceptions are named here, never silent.
 */
public final class HallmarkArchitectureRules {

    private static final String ENGINE = "dev.hallmark.engine..";
    private static final String[] ADAPTERS = {
        "dev.hallmark.hsm..", "dev.hallmark.ca..", "dev.hallmark.fuse..", "dev.hallmark.db.."
    };
    private static final String SIM = "dev.hallmark.sim..";
    private static final String UI = "dev.hallmark.ui..";
    private static final String APP = "dev.hallmark.app..";
    private static final String BENCH = "dev.hallmark.bench..";

    /** Named exceptions: the command line's own output, and the simulator's READY lines. */
    private static final DescribedPredicate<JavaClass> MAY_PRINT = DescribedPredicate.describe(
            "the CLI's output classes or the simulator's main",
            c -> c.getPackageName().startsWith("dev.hallmark.app.cli")
                    || c.getName().startsWith("dev.hallmark.sim.SimMain"));

    @ArchTest
    static final ArchRule ENGINE_DEPENDS_ON_NOTHING_OF_OURS = noClasses().that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage("com.fazecast..", "iaik..", "org.xipki..",
                    "java.sql..", "javafx..", "org.h2..", "org.flywaydb..", "dev.hallmark.hsm..", "dev.hallmark.ca..",
                    "dev.hallmark.fuse..", "dev.hallmark.db..", SIM, UI, APP)
            .as("the engine depends on the JDK, SLF4J and Bouncy Castle only").allowEmptyShould(true);

    @ArchTest
    static final ArchRule HSM_STANDS_ALONE = adapterStandsAlone("dev.hallmark.hsm..");
    @ArchTest
    static final ArchRule CA_STANDS_ALONE = adapterStandsAlone("dev.hallmark.ca..");
    @ArchTest
    static final ArchRule FUSE_STANDS_ALONE = adapterStandsAlone("dev.hallmark.fuse..");
    @ArchTest
    static final ArchRule DB_STANDS_ALONE = adapterStandsAlone("dev.hallmark.db..");

    @ArchTest
    static final ArchRule SIMULATOR_DEPENDS_ON_NOTHING_OF_OURS = noClasses().that().resideInAPackage(SIM)
            .should().dependOnClassesThat().resideInAnyPackage(ENGINE, "dev.hallmark.hsm..", "dev.hallmark.ca..",
                    "dev.hallmark.fuse..", "dev.hallmark.db..", UI, APP)
            .as("device-sim stands in for hardware and depends on nothing of ours").allowEmptyShould(true);

    @ArchTest
    static final ArchRule UI_USES_ENGINE_API_AND_PORTS_ONLY = noClasses().that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAnyPackage("dev.hallmark.engine.workflow..",
                    "dev.hallmark.engine.crypto..", "dev.hallmark.hsm..", "dev.hallmark.ca..", "dev.hallmark.fuse..",
                    "dev.hallmark.db..", SIM, APP)
            .as("the UI calls only the engine's api and ports").allowEmptyShould(true);

    @ArchTest
    static final ArchRule NOTHING_IMPORTS_THE_APPLICATION = noClasses().that().resideOutsideOfPackages(APP, BENCH)
            .should().dependOnClassesThat().resideInAPackage(APP)
            .as("nothing imports station-app but its benchmarks").allowEmptyShould(true);

    @ArchTest
    static final ArchRule NOTHING_IMPORTS_THE_BENCHMARKS = noClasses().that().resideOutsideOfPackage(BENCH)
            .should().dependOnClassesThat().resideInAPackage(BENCH)
            .as("the benchmarks (module bench) are not part of the product: nothing imports them")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule STATION_APP_PACKAGES_ARE_FREE_OF_CYCLES = slices().matching("dev.hallmark.app.(*)..")
            .should().beFreeOfCycles().as("station-app's packages do not import each other in a loop")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule ONLY_THE_APPLICATION_IMPORTS_THE_UI = noClasses().that()
            .resideOutsideOfPackages(UI, APP, BENCH).should().dependOnClassesThat().resideInAPackage(UI)
            .as("only station-app (and its benchmarks) import the ui").allowEmptyShould(true);

    /** The unit path's classes only the lot session builds (docs/decisions/0016-one-lot-session.md). */
    private static final java.util.Set<String> UNIT_PATH = java.util.Set.of(
            "dev.hallmark.engine.workflow.UnitWorkflow", "dev.hallmark.engine.workflow.LotRunner");

    @ArchTest
    static final ArchRule ONLY_THE_LOT_SESSION_BUILDS_THE_UNIT_PATH = noClasses().that()
            .resideOutsideOfPackage("dev.hallmark.engine.lot..")
            .should().callConstructorWhere(DescribedPredicate.describe("a constructor of UnitWorkflow or LotRunner",
                    call -> UNIT_PATH.contains(call.getTargetOwner().getName())
                            && !call.getOriginOwner().equals(call.getTargetOwner())))
            .as("every front door runs a lot through the engine's LotSession; nothing else constructs UnitWorkflow"
                    + " or LotRunner (no exceptions; tests build them directly and are not analysed)")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = noClasses().that().resideInAPackage("dev.hallmark..")
            .and(DescribedPredicate.not(MAY_PRINT))
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .as("logs go through SLF4J; only the CLI prints");

    @ArchTest
    static final ArchRule NO_JAVA_UTIL_LOGGING = noClasses().that().resideInAPackage("dev.hallmark..")
            .should(GeneralCodingRules.USE_JAVA_UTIL_LOGGING).as("logging goes through SLF4J");

    /**
     * Optional capabilities are found by {@code instanceof} on the capability interface of the engine's ports
     * (decision 0017), never on an adapter's class: code outside an adapter does not test for its classes.
     */
    @ArchTest
    static final ArchRule NO_INSTANCEOF_ON_ADAPTER_CLASSES = noInstanceofOnAdapterClasses();

    private HallmarkArchitectureRules() {
    }

    private static ArchRule noInstanceofOnAdapterClasses() {
        ArchCondition<JavaClass> condition = new ArchCondition<>("not test with instanceof for a class of an"
                + " adapter module other than their own") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String own = adapterOf(item.getPackageName());
                for (JavaCodeUnit unit : item.getCodeUnits()) {
                    for (InstanceofCheck check : unit.getInstanceofChecks()) {
                        String target = adapterOf(check.getRawType().getPackageName());
                        if (target != null && !target.equals(own)) {
                            events.add(SimpleConditionEvent.violated(item, item.getName() + " tests instanceof "
                                    + check.getRawType().getName() + " in " + check.getSourceCodeLocation()
                                    + "; test for the port's capability interface instead"));
                        }
                    }
                }
            }
        };
        return classes().that().resideInAPackage("dev.hallmark..").should(condition)
                .as("no instanceof on adapter classes outside their adapter: capabilities are port interfaces")
                .allowEmptyShould(true);
    }

    /** The adapter package prefix {@code pkg} belongs to, or null when it is not in an adapter. */
    static String adapterOf(String pkg) {
        for (String adapter : ADAPTERS) {
            String prefix = adapter.substring(0, adapter.length() - 2);
            if (pkg.equals(prefix) || pkg.startsWith(prefix + ".")) {
                return prefix;
            }
        }
        return null;
    }

    private static ArchRule adapterStandsAlone(String adapter) {
        java.util.List<String> others = new java.util.ArrayList<>(java.util.List.of(ADAPTERS));
        others.remove(adapter);
        others.add(SIM);
        others.add(UI);
        return noClasses().that().resideInAPackage(adapter).should().dependOnClassesThat()
                .resideInAnyPackage(others.toArray(String[]::new))
                .as("adapter " + adapter + " does not import another adapter, the simulator or the ui")
                .allowEmptyShould(true);
    }
}
