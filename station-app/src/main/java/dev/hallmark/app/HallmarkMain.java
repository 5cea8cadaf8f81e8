package dev.hallmark.app;

import dev.hallmark.app.cli.HallmarkCommand;
import dev.hallmark.app.config.DataDir;
import java.nio.file.Path;

/**
 * Entry point of the {@code hallmark} command. A plain class (not a JavaFX Application) so the station
 * runs from the classpath; it points the log at the data directory before the first logger exists.
 */
public final class HallmarkMain {

    private HallmarkMain() {
    }

    public static void main(String[] args) {
        System.setProperty("hallmark.log.dir", DataDir.resolve(dataDirOption(args)).logs().toString());
        System.exit(HallmarkCommand.execute(args));
    }

    private static Path dataDirOption(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--data-dir=")) {
                return Path.of(args[i].substring("--data-dir=".length()));
            }
        }
        return null;
    }
}
