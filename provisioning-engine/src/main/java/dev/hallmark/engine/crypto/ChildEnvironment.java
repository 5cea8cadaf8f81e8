package dev.hallmark.engine.crypto;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a child process (swtpm, dbus-daemon, tpm2-abrmd, a child JVM) may inherit: every variable that names a
 * password, PIN, passphrase or secret is removed, so it cannot be read from {@code /proc/PID/environ} of a process
 * that never needed it. A variable ending in {@code _FILE} names a file, not a secret, and stays.
 */
public final class ChildEnvironment {

    /** A word of the name (split at '_') that is, or ends in, one of these. */
    private static final Pattern SECRET = Pattern.compile(".*(PASSWORD|PASSWD|PASSPHRASE|PIN|SECRET|CREDENTIALS?)");

    private ChildEnvironment() {
    }

    /** Whether the variable's name says it holds a secret (and not the path of a file that does). */
    public static boolean secret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.endsWith("_FILE")) {
            return false;
        }
        for (String word : upper.split("_")) {
            if (SECRET.matcher(word).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Removes the secret variables from the environment a ProcessBuilder will hand on; returns it. */
    public static Map<String, String> scrub(Map<String, String> environment) {
        environment.keySet().removeIf(ChildEnvironment::secret);
        return environment;
    }
}
