package dev.hallmark.testkit.arch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.lot.LotSession;
import dev.hallmark.engine.workflow.LotRunner;
import dev.hallmark.engine.workflow.StationParts;
import dev.hallmark.engine.workflow.UnitWorkflow;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The rule that only the engine's lot session builds the unit path catches a front door that builds it by hand. */
class LotSessionRuleTest {

    /** A front door of the old kind: it builds the workflow and the runner itself. */
    static final class HandBuiltFrontDoor {
        LotRunner build(StationParts parts) throws ProvisioningException {
            return new LotRunner(new UnitWorkflow(parts, null, "LOT", UnitListener.none()), "LOT", Clock.systemUTC());
        }
    }

    @Test
    void aClassOutsideTheSessionThatConstructsTheWorkflowBreaksTheRule() {
        JavaClasses offender = new ClassFileImporter().importClasses(HandBuiltFrontDoor.class);

        assertThatThrownBy(() -> HallmarkArchitectureRules.ONLY_THE_LOT_SESSION_BUILDS_THE_UNIT_PATH.check(offender))
                .isInstanceOf(AssertionError.class).hasMessageContaining("UnitWorkflow.<init>")
                .hasMessageContaining("LotRunner.<init>");
    }

    @Test
    void theSessionAndTheWorkflowsOwnConstructorChainKeepTheRule() {
        JavaClasses engine = new ClassFileImporter().importClasses(LotSession.class, UnitWorkflow.class,
                LotRunner.class);

        assertThatCode(() -> HallmarkArchitectureRules.ONLY_THE_LOT_SESSION_BUILDS_THE_UNIT_PATH.check(engine))
                .doesNotThrowAnyException();
    }
}
