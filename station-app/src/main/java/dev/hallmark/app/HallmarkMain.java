package dev.hallmark.app;

import dev.hallmark.app.cli.HallmarkCommand;
import dev.hallmark.app.config.DataDir;
import java.nio.file.Path;

/**
 * Entry point of the {@code hallmark} command. A plain class (not a JavaFX Application) so the station
 * runs from the classpath; it points the log at the data directory and picks its format (plain or JSON lines)
 * before the first logger exists.
 */
public final class HallmarkMain {

    private HallmarkMain() {
    }

    public static void main(String[] args) {
        System.setProperty("hallmark.log.dir", DataDir.resolve(dataDirOption(args)).logs().toString());
        logSetting("HALLMARK_LOG_MAX_FILE_SIZE", "hallmark.log.maxFileSize");
        logSetting("HALLMARK_LOG_MAX_HISTORY", "hallmark.log.maxHistory");
        logSetting("HALLMARK_LOG_TOTAL_SIZE_CAP", "hallmark.log.totalSizeCap");
        logSetting("HALLMARK_LOG_LEVEL", "hallmark.log.level");
        if (System.getProperty("logback.configurationFile") == null && "json".equals(logFormat(args))) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        System.exit(HallmarkCommand.execute(args));
    }

    /** The log's caps and level from the environment (a systemd unit's Environment=), unless set as properties. */
    private static void logSetting(String variable, String property) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank() && System.getProperty(property) == null) {
            System.setProperty(property, value.trim());
        }
    }

    /** {@code --log-format} (plain or json), else HALLMARK_LOG_FORMAT, else plain. */
    static String logFormat(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--log-format") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--log-format=")) {
                return args[i].substring("--log-format=".length());
            }
        }
        String env = System.getenv("HALLMARK_LOG_FORMAT");
        return env == null || env.isBlank() ? "plain" : env;
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
