package dev.hallmark.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tools from outside Hallmark that the tests check the station with: OpenSC's pkcs11-tool and OpenSSL.
 * pkcs11-tool is given the PIN on a pseudo-terminal (through util-linux's script), never as an argument.
 */
final class OutsideTools {

    static final String SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so";

    private OutsideTools() {
    }

    /** Runs pkcs11-tool logged in to the station token of {@code dataDir}; returns its output. */
    static String pkcs11Tool(Path dataDir, String... args) throws IOException, InterruptedException {
        String pin = Files.readString(dataDir.resolve("secrets/hsm-pin")).trim();
        String command = "pkcs11-tool --module " + SOFTHSM + " --token-label hallmark --login " + String.join(" ", args);
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", dataDir.resolve("softhsm2.conf").toString());
        Process p = pb.start();
        Thread.sleep(300);
        try (OutputStream in = p.getOutputStream()) {
            in.write((pin + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pkcs11-tool " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    /** {@code openssl verify} of a leaf against the root with the issuing CA as untrusted; returns the output. */
    static String opensslVerify(Path root, Path issuing, Path leaf) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("openssl", "verify", "-x509_strict", "-purpose", "sslclient",
                "-CAfile", root.toString(), "-untrusted", issuing.toString(), leaf.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return "exit " + p.exitValue() + ": " + out.trim();
    }
}
