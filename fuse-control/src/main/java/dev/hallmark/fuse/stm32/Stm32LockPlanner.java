package dev.hallmark.fuse.stm32;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.LockPlan;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dry run of an STM32 lock: current option bytes and the RDP change the lock would make. */
final class Stm32LockPlanner {

    private final Stm32Target target;
    private final String path;

    Stm32LockPlanner(Stm32Target target, String path) {
        this.target = target;
        this.path = path;
    }

    /** The plan for the level, from the option bytes as read (empty: the device refuses reads, RDP level 1). */
    LockPlan plan(LockLevel level, Optional<byte[]> image) throws ProvisioningException {
        Stm32Target.OptionLayout layout = target.options();
        String device = String.format("%s (0x%03X) on %s", target.family(), target.productId(), path);
        if (level == LockLevel.PERMANENT && !layout.hasLevel2()) {
            throw new ProvisioningException(ErrorCode.DEVICE_LOCK_LEVEL_UNAVAILABLE, "The " + target.family()
                    + " on " + path + " has no permanent lock (RDP level 2).", target.family() + " RDP", null);
        }
        Map<String, String> current = new LinkedHashMap<>();
        String rdpField = "RDP @" + Stm32Protocol.hex32(layout.rdpAddress());
        if (image.isEmpty()) {
            current.put("option bytes @" + Stm32Protocol.hex32(layout.address()), "unreadable (READ_MEMORY NACKed)");
            current.put("RDP level", "1 (readout-protected)");
            if (level == LockLevel.READOUT_PROTECTED) {
                return new LockPlan(device, level, current, List.of(), false);
            }
            throw new ProvisioningException(ErrorCode.DEVICE_ALREADY_LOCKED, "The " + target.family() + " on " + path
                    + " is at RDP level 1; level 2 cannot be planned or set through the bootloader from there.",
                    "READ_MEMORY option bytes -> NACK 0x1F", null);
        }
        byte[] options = image.get();
        int rdp = options[layout.rdpOffset()] & 0xFF;
        int nowLevel = layout.level(options);
        current.put("option bytes @" + Stm32Protocol.hex32(layout.address()), HexFormat.of().formatHex(options));
        current.put(rdpField, hex(rdp));
        current.put("RDP level", Integer.toString(nowLevel));
        int wanted = level == LockLevel.PERMANENT ? 2 : 1;
        if (nowLevel >= wanted) {
            return new LockPlan(device, level, current, List.of(), nowLevel == 2);
        }
        if (level == LockLevel.PERMANENT) {
            LockPlan.Change change = new LockPlan.Change(rdpField, hex(rdp), hex(Stm32Target.OptionLayout.LEVEL_2),
                    "RDP level 2: JTAG/SWD and the system bootloader are disabled for good; the part can never be "
                            + "read, erased or reprogrammed from outside again. Written with WRITE_MEMORY to "
                            + Stm32Protocol.hex32(layout.address()) + "; the device resets and stays silent.");
            return new LockPlan(device, level, current, List.of(change), true);
        }
        LockPlan.Change change = new LockPlan.Change(rdpField, hex(rdp), hex(Stm32Target.OptionLayout.LEVEL_1),
                "RDP level 1 by READOUT_PROTECT: debug and bootloader can no longer read the flash; undoing it "
                        + "(READOUT_UNPROTECT) mass-erases the flash, identity included. The device resets.");
        return new LockPlan(device, level, current, List.of(change), false);
    }

    private static String hex(int value) {
        return String.format("0x%02X", value);
    }
}
