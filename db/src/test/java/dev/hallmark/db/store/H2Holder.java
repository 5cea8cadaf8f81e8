package dev.hallmark.db.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A separate process that holds an H2 database open (as an H2 console would) until it is killed. */
public final class H2Holder {

    private H2Holder() {
    }

    /** Arguments: the JDBC URL, and a file to create once the database is open. */
    public static void main(String[] args) throws SQLException, IOException, InterruptedException {
        Connection held = DriverManager.getConnection(args[0], "sa", "");
        try {
            Files.createFile(Path.of(args[1]));
            Thread.sleep(60_000);
        } finally {
            held.close();
        }
    }
}
