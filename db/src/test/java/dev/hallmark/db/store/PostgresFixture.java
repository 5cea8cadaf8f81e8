package dev.hallmark.db.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real PostgreSQL cluster for a test class ({@code @RegisterExtension static final PostgresFixture PG}): started
 * before its first test, stopped after its last; the class is skipped, saying why, where PostgreSQL 15 is missing.
 */
final class PostgresFixture implements BeforeAllCallback, AfterAllCallback {

    private PostgresCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assumeTrue(PostgresCluster.installed(), "PostgreSQL 15 (Debian's postgresql) is not installed");
        cluster = PostgresCluster.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The running cluster. */
    PostgresCluster cluster() {
        return cluster;
    }
}
