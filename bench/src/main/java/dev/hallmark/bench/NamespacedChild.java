package dev.hallmark.bench;

import dev.hallmark.app.process.Tools;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM in a private network namespace: {@code unshare -n bash -c '<ip> link set lo up && exec "$0" "$@"'
 * java ...}, so servers that bind all interfaces (OpenSSL's CMP mock) are reachable on loopback only and clash
 * with nothing on the machine. {@code ChildJvm.run} starts it and relays its output and exit code.
 */
final class NamespacedChild {

    private static final List<Path> SBIN = List.of(Path.of("/usr/sbin"), Path.of("/sbin"));

    private NamespacedChild() {
    }

    /** The full command: unshare, the loopback set-up, then {@code java jvmOptions -cp classPath main args}. */
    static List<String> command(Path ip, Path java, List<String> jvmOptions, String classPath, String mainClass,
                                List<String> args) {
        List<String> command = new ArrayList<>(List.of("unshare", "-n", "bash", "-c",
                quote(ip.toString()) + " link set lo up && exec \"$0\" \"$@\"", java.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(args);
        return command;
    }

    /** The {@code ip} tool (iproute2): on the PATH, else in /usr/sbin or /sbin. */
    static Path ipTool() throws ProvisioningException {
        Optional<Path> onPath = Tools.onPath("ip");
        if (onPath.isPresent()) {
            return onPath.get();
        }
        return SBIN.stream().map(d -> d.resolve("ip")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> missing("ip", "iproute2"));
    }

    /** Fails with a plain sentence where {@code tool} is not on the PATH; {@code debianPackage} installs it. */
    static void requireTool(String tool, String debianPackage) throws ProvisioningException {
        if (Tools.onPath(tool).isEmpty()) {
            throw missing(tool, debianPackage);
        }
    }

    /** Fails, saying why, where this machine or user may not make a network namespace. */
    static void requirePermitted(Path ip) throws ProvisioningException, InterruptedException {
        try {
            Process probe = new ProcessBuilder("unshare", "-n", ip.toString(), "link", "set", "lo", "up")
                    .redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "'unshare -n' did not finish in 10 s");
            }
            if (probe.exitValue() != 0) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CA benchmark runs in a private network "
                        + "namespace ('unshare -n'), which this user may not make here; run it as root",
                        "exit " + probe.exitValue() + ": " + out, null);
            }
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "'unshare -n' could not be run", e.toString(), e);
        }
    }

    private static ProvisioningException missing(String tool, String debianPackage) {
        return Tools.missing(tool, debianPackage, "the CA benchmark");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
