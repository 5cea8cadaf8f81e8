package dev.hallmark.fuse.stm32;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.LockObservation;
import dev.hallmark.engine.port.LockObservation.Kind;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VERIFY from the outside. Level 1: the bootloader still answers GET_ID, and READ_MEMORY of the flash, the key
 * slot and the option bytes is NACKed (each NACK confirmed, {@link Stm32Session#NACK_CONFIRMATIONS}). Level 2:
 * the bootloader is silent, and this link saw the device acknowledge the RDP=0xCC write; silence alone cannot be
 * told from a dead device, so it is reported but does not count as locked.
 *
 * <p>NACKed reads are only the device's word: a proxy on the serial line that swallows READOUT_PROTECT and NACKs
 * every read looks the same. So level 1 also takes a fresh identify after the lock's reset (docs/threat-model.md):
 * GET and GET_ID must still answer (AN3155: a read-protected bootloader answers them) with what the device said
 * before the lock, and WRITE_MEMORY's command byte must be NACKed (a read-protected bootloader refuses every
 * memory command; an open one ACKs it, and is then sent an address with a wrong checksum so nothing is written).
 * An answer against the lock is a {@link Kind#CONTRADICTION}, which fails the unit with HM-330.
 */
final class Stm32LockVerifier {

    private static final Logger log = LoggerFactory.getLogger(Stm32LockVerifier.class);

    private final Stm32Session session;
    private final String path;
    private final Stm32Commands.BootloaderInfo beforeLock;
    private Stm32Target target;

    Stm32LockVerifier(Stm32Session session, String path) {
        this(session, path, null);
    }

    /** {@code beforeLock}: what GET answered when the device was identified, null if it was not (resume). */
    Stm32LockVerifier(Stm32Session session, String path, Stm32Commands.BootloaderInfo beforeLock) {
        this.session = session;
        this.path = path;
        this.beforeLock = beforeLock;
    }

    /** The target GET_ID reported during verification. */
    Stm32Target target() {
        return target;
    }

    /** Readout protection level 1; {@code resetReply} is the sync answer after the lock's reset, if any. */
    LockEvidence verifyReadout(Integer resetReply) throws ProvisioningException {
        List<LockObservation> seen = new ArrayList<>();
        if (session.synced()) {
            if (resetReply != null) {
                seen.add(new LockObservation(Kind.SYNC, "SYNC 0x7F after the reset", Stm32Protocol.describe(resetReply),
                        false));
            }
        } else {
            seen.add(new LockObservation(Kind.SYNC, "SYNC 0x7F", Stm32Protocol.describe(session.sync()), false));
        }
        int productId = session.productId();
        target = Stm32BootloaderLink.lookUp(productId, path);
        seen.add(new LockObservation(Kind.IDENTITY, "GET_ID", String.format("0x%04X (%s)", productId, target.family()),
                false));
        boolean locked = probe(seen, target.flashBase(), Stm32BootloaderLink.PROBE_LENGTH, false);
        if (target.keySlot().isPresent()) {
            locked &= probe(seen, target.keySlot().get().address(), Stm32BootloaderLink.PROBE_LENGTH, false);
        }
        locked &= probe(seen, target.options().address(), target.options().size(), true);
        locked &= freshIdentify(seen);
        log.info("{}: lock {} verified: {}", path, locked ? "is" : "is NOT", seen.stream().map(LockObservation::line).toList());
        return LockEvidence.of(LockLevel.READOUT_PROTECTED, locked, seen);
    }

    /**
     * The fresh identify after the lock: GET as before the lock, and WRITE_MEMORY refused at its command byte
     * (asked twice: an ACK must be the device's answer, not line noise, before it counts against the lock).
     */
    private boolean freshIdentify(List<LockObservation> seen) throws ProvisioningException {
        boolean holds = true;
        Stm32Commands.BootloaderInfo now;
        try {
            now = session.bootloaderInfo();
        } catch (ProvisioningException refused) {
            if (!Stm32Session.recoverable(refused) && refused.code() != ErrorCode.DEVICE_RETRIES_EXHAUSTED) {
                throw refused;
            }
            seen.add(new LockObservation(Kind.CONTRADICTION, "GET (fresh identify)", refused.rawDetail()
                    + ": a read-protected bootloader still answers GET", false));
            return false;
        }
        if (beforeLock != null && (now.version() != beforeLock.version()
                || !java.util.Arrays.equals(now.commands(), beforeLock.commands()))) {
            seen.add(new LockObservation(Kind.CONTRADICTION, "GET (fresh identify)", String.format("bootloader 0x%02X,"
                    + " %d commands, not 0x%02X with %d as before the lock: another device answers",
                    now.version(), now.commands().length, beforeLock.version(), beforeLock.commands().length), false));
            holds = false;
        } else {
            seen.add(new LockObservation(Kind.IDENTITY, "GET (fresh identify)", String.format("ACK, bootloader 0x%02X,"
                    + " %d commands%s", now.version(), now.commands().length,
                    beforeLock == null ? "" : ", as before the lock"), false));
        }
        long address = target.flashBase();
        int gate = session.retried("WRITE_MEMORY gate", () -> session.commands().writeGate(address));
        if (gate == Stm32Protocol.ACK) {
            gate = session.retried("WRITE_MEMORY gate", () -> session.commands().writeGate(address));
        }
        if (gate == Stm32Protocol.ACK) {
            seen.add(new LockObservation(Kind.CONTRADICTION, "WRITE_MEMORY command (address sent with a wrong "
                    + "checksum, nothing written)", "ACK 0x79 twice: memory commands are open, the device is at RDP 0"
                    + " whatever its reads say", false));
            return false;
        }
        seen.add(new LockObservation(Kind.READ_REFUSED, "WRITE_MEMORY command (fresh identify)",
                "NACK 0x1F: memory commands closed", true));
        return holds;
    }

    private boolean probe(List<LockObservation> seen, long address, int length, boolean optionBytes)
            throws ProvisioningException {
        String request = "READ_MEMORY " + Stm32Protocol.hex32(address);
        Optional<byte[]> read = session.read(address, length);
        if (read.isEmpty()) {
            seen.add(new LockObservation(Kind.READ_REFUSED, request, "NACK 0x1F", true));
            return true;
        }
        if (optionBytes) {
            byte[] image = read.get();
            seen.add(new LockObservation(Kind.OPTION_BYTES, request, HexFormat.of().formatHex(image)
                    + " (RDP level " + target.options().level(image) + ")", false));
        } else {
            seen.add(new LockObservation(Kind.READ_ANSWERED, request, "ACK, " + length + " bytes read", false));
        }
        return false;
    }

    /** RDP level 2: a silent bootloader after an acknowledged RDP=0xCC write. */
    LockEvidence verifyPermanent(boolean level2WriteAcked) throws ProvisioningException {
        List<LockObservation> seen = new ArrayList<>();
        int reply;
        try {
            reply = session.sync();
        } catch (ProvisioningException silent) {
            if (silent.code() != ErrorCode.DEVICE_NOT_RESPONDING) {
                throw silent;
            }
            seen.add(new LockObservation(Kind.BOOTLOADER_SILENT, "SYNC 0x7F (" + session.attempts() + " tries)",
                    "no answer", level2WriteAcked));
            seen.add(new LockObservation(Kind.OPTION_BYTES, "WRITE_MEMORY option bytes RDP=0xCC (this session)",
                    level2WriteAcked ? "ACK 0x79" : "no ACK seen: silence alone cannot be told from a dead device",
                    level2WriteAcked));
            log.info("{}: bootloader silent after the level-2 write ({})", path, level2WriteAcked ? "ACKed" : "not ACKed");
            return LockEvidence.of(LockLevel.PERMANENT, level2WriteAcked, seen);
        }
        seen.add(new LockObservation(Kind.SYNC, "SYNC 0x7F", Stm32Protocol.describe(reply), false));
        int productId = session.productId();
        target = Stm32BootloaderLink.lookUp(productId, path);
        seen.add(new LockObservation(Kind.IDENTITY, "GET_ID", String.format("0x%04X (%s)", productId, target.family()),
                false));
        probe(seen, target.options().address(), target.options().size(), true);
        return LockEvidence.of(LockLevel.PERMANENT, false, seen);
    }
}
