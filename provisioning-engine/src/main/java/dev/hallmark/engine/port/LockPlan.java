package dev.hallmark.engine.port;

import dev.hallmark.engine.api.LockLevel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dry run of a lock: the device's current option bytes or fuses, the changes the lock would make, and whether
 * they can ever be undone. Nothing is changed on the device to make a plan.
 *
 * @param device       the device, e.g. {@code STM32F4 (0x413) on /dev/ttyUSB0}
 * @param level        the level planned
 * @param current      field name to its current value, as read from the device (hex or words), in reading order
 * @param changes      the changes, in the order they would be made
 * @param irreversible whether any change can never be undone (a part that can be neither read nor reflashed)
 */
public record LockPlan(String device, LockLevel level, Map<String, String> current, List<Change> changes,
                       boolean irreversible) {

    /**
     * One planned change.
     *
     * @param field   the option byte, fuse or register, e.g. {@code RDP @0x1FFFC001}
     * @param from    its value now
     * @param to      its value after the lock
     * @param meaning what the change does, in plain words
     */
    public record Change(String field, String from, String to, String meaning) {
        public Change {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(meaning, "meaning");
        }
    }

    public LockPlan {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(level, "level");
        current = Collections.unmodifiableMap(new LinkedHashMap<>(current));
        changes = List.copyOf(changes);
    }

    /** Whether the device is already at the level (nothing to change). */
    public boolean nothingToDo() {
        return changes.isEmpty();
    }
}
