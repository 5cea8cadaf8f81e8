package dev.hallmark.db.store;

import static dev.hallmark.db.chain.History.LOT;
import static dev.hallmark.db.chain.History.exec;
import static dev.hallmark.db.chain.History.longValue;
import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.evidence;
import static dev.hallmark.db.testing.TestUnits.passed;
import static dev.hallmark.db.testing.TestUnits.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.db.chain.History;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record that cannot be written is refused with a typed error, loses nothing written before, and work resumes. */
class FailClosedTest {

    private static final String ST = "ST-01";

    @TempDir
    Path dir;

    @Test
    void aWriteRefusedByTheDatabaseLeavesNoHalfOfItInTheChain() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir, History.signed(History.keys()));
             Connection c = History.sqlConsole(dir)) {
            JdbcAuditStore store = db.store();
            store.ensureLot(LOT, "sensor-v2", at(0));
            long id = History.passUnit(store, ST, 1);
            long unit = store.begin(LOT, ST, "F2", at(2));
            exec(c, "alter table step_events add constraint no_boom check (detail is null or detail <> 'BOOM')");

            assertThatThrownBy(() -> store.recordStep(unit, new StepEvent(Step.IDENTIFY, StepStatus.DONE, at(3),
                    "BOOM"))).isInstanceOfSatisfying(ProvisioningException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_WRITE_FAILED);
                        assertThat(e.rawDetail()).isEqualTo("23513");
                    });

            assertThat(longValue(c, "select seq from audit_chain_heads where station = ?", ST)).isEqualTo(22);
            assertThat(longValue(c, "select count(*) from audit_events where detail = 'BOOM'")).isZero();
            store.recordStep(unit, new StepEvent(Step.IDENTIFY, StepStatus.DONE, at(3), "fine"));
            assertThat(longValue(c, "select seq from audit_events where detail = 'fine'")).isEqualTo(23);
            assertThat(store.events(id)).hasSize(16);
            assertThat(db.verifyChain().findings()).isEmpty();
        }
    }

    @Test
    void aSealWhoseCheckpointTheStationKeyCannotSignIsNotKept() throws Exception {
        SoftwareKeyStore keys = History.keys();
        try (AuditDatabase db = AuditDatabase.openH2(dir, History.signed(keys));
             Connection c = History.sqlConsole(dir)) {
            JdbcAuditStore store = db.store();
            store.ensureLot(LOT, "sensor-v2", at(0));
            long id = store.begin(LOT, ST, "F1", at(1));
            String serial = store.claim(id, uid(1), "STM32F4", "HM");
            store.recordLockEvidence(id, evidence(true));
            keys.failNextSign(ErrorCode.HSM_OPERATION_FAILED);

            assertThatThrownBy(() -> store.finish(id, passed(serial, uid(1), null), at(2)))
                    .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_WRITE_FAILED);
                        assertThat(e.rawDetail()).startsWith("HM-205");
                        assertThat(e.getMessage()).contains("station key could not sign");
                    });
            assertThat(store.unit(id).orElseThrow().result()).isEqualTo(UnitResult.IN_PROGRESS);
            assertThat(longValue(c, "select count(*) from audit_events where kind = 'UNIT_SEALED'")).isZero();
            assertThat(longValue(c, "select count(*) from audit_checkpoints")).isZero();

            store.finish(id, passed(serial, uid(1), null), at(2));
            assertThat(store.unit(id).orElseThrow().result()).isEqualTo(UnitResult.PASS);
            assertThat(longValue(c, "select seq from audit_checkpoints")).isEqualTo(4);
            assertThat(db.verifyChain().findings()).isEmpty();
        }
    }

    @Test
    void aLostDatabaseServerIsReportedAndWorkResumesWhenItReturns() throws Exception {
        int port = freePort();
        Server server = tcpServer(port);
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/hallmark";
        try (AuditDatabase db = AuditDatabase.open(url, "sa", new char[0], History.signed(History.keys()))) {
            JdbcAuditStore store = db.store();
            store.ensureLot(LOT, "sensor-v2", at(0));
            History.passUnit(store, ST, 1);
            long open = store.begin(LOT, ST, "F2", at(2));

            server.stop();
            assertThatThrownBy(() -> store.recordStep(open, new StepEvent(Step.IDENTIFY, StepStatus.STARTED, at(3),
                    null))).isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_UNAVAILABLE));
            assertThatThrownBy(() -> store.begin(LOT, ST, "F3", at(3)))
                    .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("cannot be reached");
                    });

            server = tcpServer(port);
            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                assertThat(longValue(c, "select count(*) from units")).isEqualTo(2);
                assertThat(longValue(c, "select count(*) from audit_events")).isEqualTo(22);
            }
            store.recordStep(open, new StepEvent(Step.IDENTIFY, StepStatus.STARTED, at(3), null));
            History.passUnit(store, ST, 3);
            assertThat(store.units(LOT)).hasSize(3);
            assertThat(db.verifyChain().findings()).isEmpty();
        } finally {
            server.stop();
        }
    }

    private Server tcpServer(int port) throws Exception {
        return Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", dir.toString(), "-ifNotExists")
                .start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
