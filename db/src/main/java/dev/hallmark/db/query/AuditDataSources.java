package dev.hallmark.db.query;

import dev.hallmark.db.store.AuditDatabase;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Data sources for the queries and exports. Open the database with {@code AuditDatabase.openH2(directory)}
 * first and keep it open while reading: it migrates the schema and holds the station lock, and while it is
 * open every connection of this JVM shares the same H2 database instead of opening the file again.
 */
public final class AuditDataSources {

    private AuditDataSources() {
    }

    /** The embedded station database in {@code directory}, at the file {@code AuditDatabase.openH2} uses. */
    public static DataSource embedded(Path directory) {
        String location = AuditDatabase.embeddedLocation(directory);
        if (location.contains(";")) {
            throw new IllegalArgumentException("the audit database path " + location + " contains ';'");
        }
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(AuditDatabase.embeddedUrl(location));
        source.setUser(AuditDatabase.EMBEDDED_USER);
        source.setPassword("");
        return source;
    }
}
