package dev.hallmark.fuse.stm32;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Programs an option-byte image with WRITE_MEMORY to the option-byte area (AN3155: the device resets after the
 * write). A lost final ACK is resolved by looking: a device that answers again is read back and the write is
 * repeated unless the image already holds; a device that stays silent after an image with RDP level 2 has most
 * likely taken it, which the caller must treat as unproven.
 */
final class OptionByteWriter {

    private static final Logger log = LoggerFactory.getLogger(OptionByteWriter.class);

    private final Stm32Session session;
    private final Stm32Target target;
    private final String path;

    OptionByteWriter(Stm32Session session, Stm32Target target, String path) {
        this.session = session;
        this.target = target;
        this.path = path;
    }

    /**
     * Writes the image.
     *
     * @return true if the device acknowledged the write (or read back the image after a lost ACK); false if the ACK
     *         was lost and the device fell silent after a level-2 image
     */
    boolean write(byte[] image) throws ProvisioningException {
        Stm32Target.OptionLayout layout = target.options();
        if (image.length != layout.size()) {
            throw new IllegalArgumentException("the " + target.family() + " option-byte image has " + layout.size()
                    + " bytes, not " + image.length);
        }
        boolean level2 = layout.level(image) == 2;
        ProvisioningException last = null;
        for (int attempt = 1; attempt <= session.attempts(); attempt++) {
            try {
                session.ensureSynced();
                session.commands().writeOptionBytes(layout.address(), image);
                return true;
            } catch (ProvisioningException e) {
                if (!Stm32Session.recoverable(e)) {
                    throw e;
                }
                last = e;
                log.info("{}: option-byte write not confirmed (try {}): {}", path, attempt, e.rawDetail());
            }
            session.deviceReset();
            Stm32Session.pause(session.resetSettleMillis());
            if (!session.recover()) {
                if (level2) {
                    return false;
                }
                break;
            }
            Optional<byte[]> now = session.read(layout.address(), layout.size());
            if (now.isPresent() && Arrays.equals(now.get(), image)) {
                return true;
            }
        }
        throw new ProvisioningException(ErrorCode.DEVICE_RETRIES_EXHAUSTED, "The device on " + path
                + " did not confirm the option-byte write.", last == null ? null : last.rawDetail(), last);
    }
}
