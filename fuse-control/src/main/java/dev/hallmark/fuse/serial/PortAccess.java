package dev.hallmark.fuse.serial;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Whether this user may open a serial port, and the one line that says what to do when not: on Debian a USB-serial
 * adapter belongs to the {@code dialout} group, so the station's user joins it (or a udev rule gives the fixture's
 * adapter to the station's user).
 */
public final class PortAccess {

    /** errno for a refused open, as jSerialComm reports it. */
    static final int EACCES = 13;

    private PortAccess() {
    }

    /** DEVICE_PORT_PERMISSION if the port exists but this process may not read and write it. */
    public static void requireAccess(Path port) throws ProvisioningException {
        if (Files.exists(port) && !(Files.isReadable(port) && Files.isWritable(port))) {
            throw denied(port);
        }
    }

    /** The refusal for {@code port}, naming its group and the user to add. */
    public static ProvisioningException denied(Path port) {
        return new ProvisioningException(ErrorCode.DEVICE_PORT_PERMISSION, remedyFor(port, group(port),
                System.getProperty("user.name")));
    }

    /** The sentence for a port of {@code group} that {@code user} may not open. */
    static String remedyFor(Path port, String group, String user) {
        String g = group == null ? "dialout" : group;
        return "user '" + user + "' may not open " + port + " (group " + g + "): run 'sudo usermod -aG " + g + " "
                + user + "' and sign in again, or install the udev rule of docs/fixtures.md";
    }

    private static String group(Path port) {
        try {
            return Files.readAttributes(port, PosixFileAttributes.class).group().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
