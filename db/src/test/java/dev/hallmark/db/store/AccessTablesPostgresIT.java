package dev.hallmark.db.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.db.access.JdbcActionLog;
import dev.hallmark.db.access.JdbcOperatorDirectory;
import dev.hallmark.engine.access.ActionChain;
import dev.hallmark.engine.api.Role;
import dev.hallmark.engine.port.ActionRecord;
import dev.hallmark.engine.port.OperatorAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** The V5 tables on a real PostgreSQL 15: operators, and one action chain appended to by several writers at once. */
class AccessTablesPostgresIT {

    @RegisterExtension
    static final PostgresFixture PG = new PostgresFixture();

    @Test
    void concurrentWritersKeepOneUnbrokenActionChain() throws Exception {
        PG.cluster().createDatabase("access");
        String url = PG.cluster().url("access");
        try (AuditDatabase db = AuditDatabase.open(url, PostgresCluster.USER, new char[0])) {
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setURL(url);
            source.setUser(PostgresCluster.USER);
            JdbcOperatorDirectory operators = new JdbcOperatorDirectory(source);
            Instant t = Instant.parse("2026-11-28T10:00:00.123456Z");
            operators.create(new OperatorAccount("sam", Set.of(Role.SUPERVISOR), "$argon2id$v=19,m=64,t=1,p=1$c2FsdA$aA",
                    0, false, false, t, t));
            assertThat(operators.find("sam").orElseThrow().roles()).containsExactly(Role.SUPERVISOR);

            JdbcActionLog log = new JdbcActionLog(source);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String station = "ST-0" + w;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        log.append(new ActionRecord(Instant.now(), station, "PROVISION", "L" + i, null, "OK", "exit 0"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            writers.shutdown();
            ActionChain.Report report = ActionChain.verify(log.all());
            assertThat(report.findings()).isEmpty();
            assertThat(report.actions()).isEqualTo(100);
        }
    }
}
