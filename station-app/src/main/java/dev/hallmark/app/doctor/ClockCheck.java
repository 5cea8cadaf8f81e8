package dev.hallmark.app.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether the system clock is synchronised, asked the way the host keeps it: systemd's {@code timedatectl show -p
 * NTPSynchronized} (the kernel's adjtimex "unsynchronised" flag as systemd reports it), else chrony's {@code chronyc
 * tracking} leap status. When neither answers (a container) the item is WARN, saying it could not tell.
 */
final class ClockCheck {

    private ClockCheck() {
    }

    static CheckResult check() {
        String timedatectl = run(List.of("timedatectl", "show", "-p", "NTPSynchronized", "--value"));
        if ("yes".equals(timedatectl)) {
            return CheckResult.ok("clock", "synchronised (timedatectl NTPSynchronized=yes, the kernel's adjtimex state)");
        }
        if ("no".equals(timedatectl)) {
            return CheckResult.fail("clock", "not synchronised (timedatectl NTPSynchronized=no): start an NTP client"
                    + " (systemd-timesyncd or chrony); unit records carry the station's time");
        }
        String chrony = run(List.of("chronyc", "-n", "tracking"));
        if (chrony != null) {
            boolean normal = chrony.lines().anyMatch(l -> l.startsWith("Leap status") && l.contains("Normal"));
            return normal ? CheckResult.ok("clock", "synchronised (chronyc tracking: leap status Normal)")
                    : CheckResult.fail("clock", "chrony is not synchronised (chronyc tracking leap status not Normal)");
        }
        return CheckResult.warn("clock", "cannot tell: neither timedatectl nor chronyc answered on this host");
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
