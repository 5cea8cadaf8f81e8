package dev.hallmark.db.query;

import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A test class's one audit database with its fixture rows, opened before its first test and closed after its last. */
public abstract class WithAuditFixture {

    @TempDir
    static Path dir;
    /** The database and its rows. */
    protected static AuditFixture db;

    @BeforeAll
    static void openFixture() throws ProvisioningException {
        db = new AuditFixture(dir);
    }

    @AfterAll
    static void closeFixture() {
        db.close();
    }
}
