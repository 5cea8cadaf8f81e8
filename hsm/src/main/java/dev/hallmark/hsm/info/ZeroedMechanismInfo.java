package dev.hallmark.hsm.info;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * C_GetMechanismInfo into a zeroed CK_MECHANISM_INFO, called through JNA on the module the wrapper already loaded
 * and initialised (dlopen of the same file gives the same library). The wrapper's JNI layer hands the module an
 * uninitialised struct, and SoftHSM 2.6.1 ORs the flags of its CBC_PAD mechanisms into it instead of setting them,
 * so stack garbage showed as flags. Only this read, for display; every operation still goes through the wrapper.
 */
final class ZeroedMechanismInfo {

    private static final Logger LOG = LoggerFactory.getLogger(ZeroedMechanismInfo.class);
    private static final long CKR_OK = 0;

    private final Function getMechanismInfo;

    private ZeroedMechanismInfo(Function getMechanismInfo) {
        this.getMechanismInfo = getMechanismInfo;
    }

    /** The module's C_GetMechanismInfo, or empty where JNA cannot reach it (the wrapper's flags are used then). */
    static Optional<ZeroedMechanismInfo> of(Path module) {
        try {
            return Optional.of(new ZeroedMechanismInfo(NativeLibrary.getInstance(module.toString())
                    .getFunction("C_GetMechanismInfo")));
        } catch (UnsatisfiedLinkError e) {
            LOG.debug("C_GetMechanismInfo of {} not reachable through JNA: {}", module, e.getMessage());
            return Optional.empty();
        }
    }

    /** The mechanism's flags, or empty if the module refused the call. */
    Optional<Long> flags(long slotId, long mechanism) {
        int size = Native.LONG_SIZE;
        Memory info = new Memory(3L * size);
        info.clear();
        long rv = ((Number) getMechanismInfo.invoke(Long.class,
                new Object[] {new NativeLong(slotId), new NativeLong(mechanism), info})).longValue();
        if (rv != CKR_OK) {
            return Optional.empty();
        }
        return Optional.of(info.getNativeLong(2L * size).longValue());
    }
}
