package dev.hallmark.db.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.db.conformity.JdbcConformityRecords;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.access.ActionChain;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Role;
import dev.hallmark.engine.port.ActionRecord;
import dev.hallmark.engine.port.ControlEvidence;
import dev.hallmark.engine.port.OperatorAccount;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcAccessTest {

    private static final Instant T = Instant.parse("2026-11-28T10:00:00.123456789Z");

    @TempDir
    Path dir;
    private AuditDatabase db;
    private DataSource source;

    @BeforeEach
    void open() throws ProvisioningException {
        db = AuditDatabase.openH2(dir);
        source = AuditDataSources.embedded(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void operatorsKeepRolesHashAndSignInState() throws ProvisioningException {
        JdbcOperatorDirectory operators = new JdbcOperatorDirectory(source);
        operators.create(new OperatorAccount("sam", Set.of(Role.SUPERVISOR, Role.AUDITOR), "$argon2id$v=19,m=64,t=1,p=1$c2FsdA$aGFzaA",
                0, false, false, T, T));
        assertThatThrownBy(() -> operators.create(new OperatorAccount("sam", Set.of(Role.ADMIN), "$x$y$z$w", 0, false,
                false, T, T))).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATOR_INVALID));
        operators.updateState("sam", 5, true, T.plusSeconds(1));
        OperatorAccount sam = operators.find("sam").orElseThrow();
        assertThat(sam.roles()).containsExactlyInAnyOrder(Role.SUPERVISOR, Role.AUDITOR);
        assertThat(sam.locked()).isTrue();
        assertThat(sam.failedSignIns()).isEqualTo(5);
        operators.setPassword("sam", "$argon2id$v=19,m=64,t=1,p=1$bmV3$bmV3", T.plusSeconds(2));
        sam = operators.find("sam").orElseThrow();
        assertThat(sam.locked()).isFalse();
        assertThat(sam.failedSignIns()).isZero();
        assertThat(sam.passwordHash()).endsWith("$bmV3$bmV3");
        assertThat(operators.list()).extracting(OperatorAccount::name).containsExactly("sam");
        assertThatThrownBy(() -> operators.updateState("nobody", 1, false, T))
                .isInstanceOf(ProvisioningException.class);
    }

    @Test
    void theActionLogIsAChainThatRevealsAnEditInTheDatabase() throws Exception {
        JdbcActionLog log = new JdbcActionLog(source);
        log.append(new ActionRecord(T, "olga", "PROVISION", "L1", null, "OK", "exit 0"));
        log.append(new ActionRecord(T.plusSeconds(1), "olga", "PERMANENT_LOCK", "L1", "sam", "OK", "approved"));
        log.append(new ActionRecord(T.plusSeconds(2), "ada", "LOT_REPORT", "L1", null, "OK", "exit 0"));
        assertThat(ActionChain.verify(log.all()).holds()).isTrue();
        assertThat(log.all().get(1).record().approver()).isEqualTo("sam");
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update operator_actions set approver = 'olga' where seq = 2");
        }
        assertThat(ActionChain.verify(log.all()).findings())
                .containsExactly("action 2: its fields were changed after it was written");
    }

    @Test
    void controlsAreReadBackByLot() throws ProvisioningException {
        db.store().ensureLot("L1", "p", T);
        long unit = db.store().begin("L1", "st", "F1", T);
        JdbcConformityRecords records = new JdbcConformityRecords(source, db.store());
        records.record(List.of(new ControlEvidence(unit, "DEBUG_LOCKED", true, "READ_MEMORY -> NACK", T),
                new ControlEvidence(unit, "KEY_IN_HARDWARE", false, "software token", T)));
        assertThat(records.controls("L1").get(unit)).extracting(ControlEvidence::control, ControlEvidence::satisfied)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DEBUG_LOCKED", true),
                        org.assertj.core.groups.Tuple.tuple("KEY_IN_HARDWARE", false));
        assertThat(records.controls("OTHER")).isEmpty();
    }
}
