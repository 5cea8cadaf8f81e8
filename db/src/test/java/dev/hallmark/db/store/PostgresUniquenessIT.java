package dev.hallmark.db.store;

import static dev.hallmark.db.chain.History.CHIP;
import static dev.hallmark.db.chain.History.LOT;
import static dev.hallmark.db.chain.History.longValue;
import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.db.chain.History;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.engine.port.KeyReference;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Uniqueness} against a real PostgreSQL 15, and a key that cannot be recorded while the server is down. */
class PostgresUniquenessIT {

    @RegisterExtension
    static final PostgresFixture PG = new PostgresFixture();

    @Test
    void eachUniqueConstraintRefusesASecondRowByDirectSql() throws Exception {
        String url = database("direct");
        try (AuditDatabase db = AuditDatabase.open(url, PostgresCluster.USER, new char[0],
                History.signed(History.keys()));
             Connection c = DriverManager.getConnection(url, PostgresCluster.USER, "")) {
            Uniqueness.constraintsHoldForDirectSql(db.store(), c);
        }
    }

    @Test
    void theStoreRefusesARecordedKeyOrCertificateSerialAndKeepsTheFirst() throws Exception {
        String url = database("store");
        try (AuditDatabase db = AuditDatabase.open(url, PostgresCluster.USER, new char[0],
                History.signed(History.keys()));
             Connection c = DriverManager.getConnection(url, PostgresCluster.USER, "")) {
            Uniqueness.storeRefusesDuplicates(db, c);
        }
    }

    @Test
    void profileSnapshotsAndKeyReferencesAreVouchedForByTheChain() throws Exception {
        String url = database("snapshots");
        try (AuditDatabase db = AuditDatabase.open(url, PostgresCluster.USER, new char[0],
                History.signed(History.keys()));
             Connection c = DriverManager.getConnection(url, PostgresCluster.USER, "")) {
            Uniqueness.snapshotsAndKeysAreVouchedFor(db, c);
        }
    }

    @Test
    void aKeyThatCannotBeRecordedWhileTheServerIsDownStopsTheUnitAndIsRecordedWhenItReturns() throws Exception {
        String url = database("keydown");
        try (AuditDatabase db = AuditDatabase.open(url, PostgresCluster.USER, new char[0],
                History.signed(History.keys()))) {
            JdbcAuditStore store = db.store();
            store.ensureLot(LOT, Uniqueness.PROFILE, at(0));
            long done = History.passUnit(store, Uniqueness.ST, 1);
            long unit = store.begin(LOT, Uniqueness.ST, "F2", at(2));
            store.claim(unit, uid(2), CHIP, "HM");
            KeyReference key = KeyReference.of(History.keys().generate(KeySpec.EC_P256, "dev-2",
                    KeyPolicy.SESSION_WRAP_ONLY));

            PG.cluster().stopServer();
            try {
                assertThatThrownBy(() -> store.recordKey(unit, key))
                        .isInstanceOfSatisfying(ProvisioningException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_UNAVAILABLE));
            } finally {
                PG.cluster().startServer();
            }

            store.recordKey(unit, key);
            try (Connection c = DriverManager.getConnection(url, PostgresCluster.USER, "")) {
                assertThat(longValue(c, "select count(*) from key_references where unit_id = ?", unit)).isEqualTo(1);
                assertThat(longValue(c, "select count(*) from audit_events where unit_id = ?", done)).isEqualTo(21);
            }
            assertThat(db.verifyChain().findings()).isEmpty();
        }
    }

    private static String database(String name) throws Exception {
        PG.cluster().createDatabase(name);
        return PG.cluster().url(name);
    }
}
