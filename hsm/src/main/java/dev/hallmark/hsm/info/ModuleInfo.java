package dev.hallmark.hsm.info;

import java.nio.file.Path;
import java.util.List;

/**
 * A PKCS#11 module as C_GetInfo describes it, with its slots.
 *
 * @param path            the library file
 * @param manufacturer    the library's manufacturer ID
 * @param description     the library description
 * @param libraryVersion  the library version, "major.minor"
 * @param cryptokiVersion the PKCS#11 version it implements, "major.minor"
 * @param slots           every slot, with or without a token
 */
public record ModuleInfo(Path path, String manufacturer, String description, String libraryVersion,
        String cryptokiVersion, List<SlotInfo> slots) {

    public ModuleInfo {
        slots = List.copyOf(slots);
    }
}
