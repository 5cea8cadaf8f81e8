package dev.hallmark.hsm.softhsm;

import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The real SoftHSM2 of the integration tests: ${hallmark.it.dir}/hsm, wiped once per JVM before the module is
 * first initialised (failsafe sets SOFTHSM2_CONF to its softhsm2.conf), and one token per test class.
 */
public final class SoftHsmFixture {

    private static final Path DATA_DIR = Path.of(System.getProperty("hallmark.it.dir", "/dev/shm/hallmark-it"))
            .toAbsolutePath().resolve("hsm");
    private static final Set<String> TOKENS = new HashSet<>();
    private static boolean wiped;

    private SoftHsmFixture() {
    }

    /** The data directory holding softhsm2.conf and the tokens. */
    public static synchronized Path dataDir() {
        if (!wiped) {
            wipe(DATA_DIR);
            wiped = true;
        }
        return DATA_DIR;
    }

    /** A token with this label, initialised once per JVM with {@link #soPin()} and {@link #userPin()}. */
    public static synchronized String token(String label) throws ProvisioningException {
        Path dir = dataDir();
        if (TOKENS.add(label)) {
            SoftHsmToken.initialize(dir, label, soPin(), userPin());
        }
        return label;
    }

    public static Path module() {
        return SoftHsmToken.defaultModule();
    }

    public static char[] soPin() {
        return "so-4711-pin".toCharArray();
    }

    public static char[] userPin() {
        return "user-4711-pin".toCharArray();
    }

    private static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + dir, e);
        }
    }
}
