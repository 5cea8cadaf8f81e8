package dev.hallmark.db.store;

import static dev.hallmark.db.chain.History.CHIP;
import static dev.hallmark.db.chain.History.LOT;
import static dev.hallmark.db.chain.History.exec;
import static dev.hallmark.db.chain.History.longValue;
import static dev.hallmark.db.chain.History.string;
import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.db.chain.ChainReport;
import dev.hallmark.db.chain.FindingKind;
import dev.hallmark.db.chain.History;
import dev.hallmark.db.testing.TestUnits;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.engine.port.KeyReference;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The uniqueness the audit database enforces, checked the same way on H2 ({@code UniquenessTest}) and PostgreSQL
 * ({@code PostgresUniquenessIT}): each constraint by direct SQL, and each through the store, which refuses with
 * AUDIT_DUPLICATE and keeps what was written before, so the chain still verifies.
 */
final class Uniqueness {

    static final String ST = "ST-01";
    static final ProductProfile PROFILE = new ProductProfile("sensor-v2", CHIP, KeySpec.EC_P256, KeyCustody.INJECTED,
            LockLevel.READOUT_PROTECTED, "HM", "Hallmark test", Duration.ofDays(3650));
    private static final String UNIQUE_VIOLATION = "23505";

    private Uniqueness() {
    }

    /** Each unique constraint refuses a second row by direct SQL (in a transaction rolled back afterwards). */
    static void constraintsHoldForDirectSql(JdbcAuditStore store, Connection c) throws Exception {
        store.ensureLot(LOT, PROFILE, at(0));
        long first = History.passUnit(store, ST, 1);
        long second = History.passUnit(store, ST, 2);
        KeyReference key = KeyReference.of(keys().generate(KeySpec.EC_P256, "dev-3", KeyPolicy.SESSION_WRAP_ONLY));
        long keyed = keyedUnit(store, 3, key);
        c.setAutoCommit(false);
        try {
            long event = longValue(c, "select min(id) from audit_events where unit_id = ? and kind = 'STEP'", second);
            assertRefused(c, "update units set serial = (select serial from units where id = ?) where id = ?",
                    first, second);
            assertRefused(c, "insert into uid_claims (chip_family, uid, unit_id) values (?, ?, ?)", CHIP,
                    uid(1).hex(), second);
            assertRefused(c, "insert into public_keys (public_key_sha256, chip_family, uid) values (?, ?, ?)",
                    key.publicKeySha256(), CHIP, uid(2).hex());
            assertRefused(c, "insert into key_references (unit_id, cka_id, key_type, public_key_sha256, public_key,"
                    + " observed, recorded_at, event_id) values (?, 'ff', 'EC_P256', ?, 'AA==', false,"
                    + " current_timestamp, ?)", keyed, key.publicKeySha256(), event);
            exec(c, "update unit_certificates set issuer_sha256 = 'x', cert_serial = '1' where unit_id = ?", first);
            assertRefused(c, "update unit_certificates set issuer_sha256 = 'x', cert_serial = '1' where unit_id = ?",
                    second);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** The store refuses a key, a certificate serial and a device already recorded, and keeps the first. */
    static void storeRefusesDuplicates(AuditDatabase db, Connection c) throws Exception {
        JdbcAuditStore store = db.store();
        store.ensureLot(LOT, PROFILE, at(0));
        KeyReference key = KeyReference.of(keys().generate(KeySpec.EC_P256, "dev-1", KeyPolicy.SESSION_WRAP_ONLY));
        long first = keyedUnit(store, 1, key);
        String firstSerial = store.unit(first).orElseThrow().serial();
        long second = store.begin(LOT, ST, "F2", at(5));
        store.claim(second, uid(2), CHIP, "HM");
        store.recordKey(first, key);
        assertThat(longValue(c, "select count(*) from key_references where unit_id = ?", first)).isEqualTo(1);

        store.finish(first, TestUnits.failed(firstSerial, uid(1), Step.INSTALL, ErrorCode.DEVICE_NACK, "no"), at(4));
        long retry = store.begin(LOT, ST, "F1", at(4));
        store.claim(retry, uid(1), CHIP, "HM");
        store.recordKey(retry, key);
        assertThat(longValue(c, "select count(*) from key_references where public_key_sha256 = ?",
                key.publicKeySha256())).as("the device's retry may use the key its first attempt left").isEqualTo(2);
        assertThatThrownBy(() -> store.recordKey(second, key)).isInstanceOfSatisfying(ProvisioningException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_DUPLICATE);
                    assertThat(e.getMessage()).contains(key.publicKeySha256()).contains(firstSerial);
                });
        long third = store.begin(LOT, ST, "F3", at(6));
        String thirdSerial = store.claim(third, uid(3), CHIP, "HM");
        store.recordCertificate(third, TestUnits.certificate("Test CA", "a", BigInteger.valueOf(77)));
        assertThatThrownBy(() -> store.recordCertificate(second, TestUnits.certificate("Test CA", "b",
                BigInteger.valueOf(77)))).isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_DUPLICATE);
                    assertThat(e.getMessage()).contains("serial 4d").contains(thirdSerial);
                });
        store.recordCertificate(second, TestUnits.certificate("Other CA", "b", BigInteger.valueOf(77)));

        assertThat(longValue(c, "select count(*) from audit_events where kind = 'KEY_RECORDED'")).isEqualTo(2);
        assertThat(string(c, "select uid from public_keys where public_key_sha256 = ?", key.publicKeySha256()))
                .isEqualTo(uid(1).hex());
        assertThat(db.verifyChain().findings()).isEmpty();
        store.recordKey(second, KeyReference.of(keys().generate(KeySpec.EC_P256, "dev-2",
                KeyPolicy.SESSION_WRAP_ONLY)));
        assertThat(db.verifyChain().findings()).isEmpty();
    }

    /** The lot keeps its profile snapshot; a changed profile is refused, and edited snapshots and keys are named. */
    static void snapshotsAndKeysAreVouchedFor(AuditDatabase db, Connection c) throws Exception {
        JdbcAuditStore store = db.store();
        store.ensureLot(LOT, PROFILE, at(0));
        long unit = keyedUnit(store, 1, KeyReference.of(keys().generate(KeySpec.EC_P256, "dev-1",
                KeyPolicy.SESSION_WRAP_ONLY)));
        String sha = ProfileSnapshot.of(PROFILE).sha256();
        assertThat(string(c, "select profile_sha256 from lots where id = ?", LOT)).isEqualTo(sha);
        assertThat(string(c, "select detail from audit_events where kind = 'UNIT_BEGUN' and unit_id = ?", unit))
                .startsWith(JdbcAuditStore.PROFILE_SNAPSHOT + sha + "; " + JdbcAuditStore.SOFTWARE);
        assertThat(string(c, "select station from audit_chain_heads")).isEqualTo(ST);
        assertThat(string(c, "select id from stations")).isEqualTo(ST);
        ProductProfile changed = new ProductProfile(PROFILE.name(), CHIP, KeySpec.EC_P256, KeyCustody.INJECTED,
                LockLevel.READOUT_PROTECTED, "HM", "Hallmark test", Duration.ofDays(30));
        assertThatThrownBy(() -> store.ensureLot(LOT, changed, at(9)))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
        assertThat(db.verifyChain().findings()).isEmpty();

        exec(c, "update product_profiles set validity = 'P1D'");
        exec(c, "update key_references set extractable = false");
        ChainReport report = db.verifyChain();

        assertThat(report.findings(FindingKind.EDITED)).anySatisfy(f -> {
            assertThat(f.table()).isEqualTo("product_profiles");
            assertThat(f.what()).contains(sha);
        }).anySatisfy(f -> {
            assertThat(f.table()).isEqualTo("key_references");
            assertThat(f.what()).contains("key");
        });
    }

    /** A unit that claimed device {@code n} and recorded its key after KEYGEN, still under way. */
    private static long keyedUnit(JdbcAuditStore store, int n, KeyReference key) throws ProvisioningException {
        long id = store.begin(LOT, ST, "F1", at(n));
        store.claim(id, uid(n), CHIP, "HM");
        store.recordKey(id, key);
        return id;
    }

    private static void assertRefused(Connection c, String sql, Object... args) throws SQLException {
        var savepoint = c.setSavepoint();
        assertThatThrownBy(() -> exec(c, sql, args)).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).as(sql).isEqualTo(UNIQUE_VIOLATION));
        c.rollback(savepoint);
    }

    private static SoftwareKeyStore keys() {
        return new SoftwareKeyStore(new SecureRandom());
    }
}
