package dev.hallmark.db.store;

import dev.hallmark.db.chain.History;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Uniqueness} on the embedded H2 database. */
class UniquenessTest {

    @TempDir
    Path dir;

    @Test
    void eachUniqueConstraintRefusesASecondRowByDirectSql() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir, History.signed(History.keys()));
             Connection c = History.sqlConsole(dir)) {
            Uniqueness.constraintsHoldForDirectSql(db.store(), c);
        }
    }

    @Test
    void theStoreRefusesARecordedKeyOrCertificateSerialAndKeepsTheFirst() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir, History.signed(History.keys()));
             Connection c = History.sqlConsole(dir)) {
            Uniqueness.storeRefusesDuplicates(db, c);
        }
    }

    @Test
    void profileSnapshotsAndKeyReferencesAreVouchedForByTheChain() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir, History.signed(History.keys()));
             Connection c = History.sqlConsole(dir)) {
            Uniqueness.snapshotsAndKeysAreVouchedFor(db, c);
        }
    }
}
