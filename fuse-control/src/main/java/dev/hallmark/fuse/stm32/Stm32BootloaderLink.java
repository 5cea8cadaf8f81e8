package dev.hallmark.fuse.stm32;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.TargetLink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's link to an STM32 in its system bootloader (ST AN3155) on one fixture's serial port: identify,
 * write and read back the identity key slot, set readout protection (level 1) and observe that it holds.
 * One link per fixture, used by one thread at a time.
 */
public final class Stm32BootloaderLink implements TargetLink {

    private static final Logger log = LoggerFactory.getLogger(Stm32BootloaderLink.class);
    private static final int PROBE_LENGTH = 4;

    private final SerialTransport transport;
    private final Stm32Commands commands;
    private final Stm32LinkOptions options;
    private boolean synced;
    private Stm32Commands.BootloaderInfo info;
    private Stm32Target target;
    private String resetSync;

    private Stm32BootloaderLink(SerialTransport transport, Stm32LinkOptions options) {
        this.transport = transport;
        this.commands = new Stm32Commands(transport, options);
        this.options = options;
    }

    /** Opens the port; the device is first spoken to by the first operation. */
    public static Stm32BootloaderLink open(String portPath, Stm32LinkOptions options, Clock clock)
            throws ProvisioningException {
        return new Stm32BootloaderLink(SerialTransport.open(portPath, options, clock), options);
    }

    @Override
    public DeviceInfo identify() throws ProvisioningException {
        ensureSynced();
        info = commands.get();
        target = lookUp(commands.getId());
        Optional<byte[]> uid = commands.readMemory(target.uidAddress(), Stm32Target.UID_LENGTH);
        log.info("{}: {} (0x{}), bootloader 0x{}, {}", transport.path(), target.family(),
                Integer.toHexString(target.productId()), Integer.toHexString(info.version()),
                uid.isPresent() ? "UID readable" : "readout-protected");
        return new DeviceInfo(target.family(), target.productId(), info.version(),
                uid.map(DeviceUid::of).orElse(null), uid.isEmpty());
    }

    @Override
    public DeviceUid readUniqueId() throws ProvisioningException {
        ensureIdentified();
        return DeviceUid.of(commands.readMemory(target.uidAddress(), Stm32Target.UID_LENGTH)
                .orElseThrow(this::alreadyLocked));
    }

    @Override
    public void writeIdentity(byte[] blob) throws ProvisioningException {
        ensureIdentified();
        Stm32Target.KeySlot slot = keySlot();
        if (blob.length == 0 || blob.length > slot.size()) {
            throw new IllegalArgumentException("an identity blob of " + blob.length + " bytes does not fit the "
                    + slot.size() + "-byte key slot");
        }
        commands.erase(info, slot.eraseNumber());
        for (int offset = 0; offset < blob.length; offset += Stm32Protocol.MAX_BLOCK) {
            byte[] chunk = Arrays.copyOfRange(blob, offset, Math.min(blob.length, offset + Stm32Protocol.MAX_BLOCK));
            commands.writeMemory(slot.address() + offset, padToWords(chunk));
        }
        log.info("{}: wrote {} bytes to the key slot at 0x{}", transport.path(), blob.length,
                Long.toHexString(slot.address()));
    }

    @Override
    public byte[] readIdentity(int length) throws ProvisioningException {
        ensureIdentified();
        Stm32Target.KeySlot slot = keySlot();
        if (length <= 0 || length > slot.size()) {
            throw new IllegalArgumentException(
                    "cannot read " + length + " bytes of a " + slot.size() + "-byte key slot");
        }
        byte[] data = new byte[length];
        for (int offset = 0; offset < length; offset += Stm32Protocol.MAX_BLOCK) {
            int n = Math.min(Stm32Protocol.MAX_BLOCK, length - offset);
            byte[] chunk = commands.readMemory(slot.address() + offset, n).orElseThrow(this::alreadyLocked);
            System.arraycopy(chunk, 0, data, offset, n);
        }
        return data;
    }

    @Override
    public void lockDebug(LockLevel level) throws ProvisioningException {
        requireReadoutProtectedLevel(level);
        ensureIdentified();
        if (!commands.readoutProtect()) {
            if (commands.readMemory(target.flashBase(), PROBE_LENGTH).isEmpty()) {
                log.info("{}: already readout-protected, nothing to do", transport.path());
                return;
            }
            throw new ProvisioningException(ErrorCode.DEVICE_NACK, "The device on " + transport.path()
                    + " refused READOUT_PROTECT.", "READOUT_PROTECT command -> NACK 0x1F", null);
        }
        log.info("{}: readout protection set, the device resets", transport.path());
        synced = false;
        reconnectAfterReset();
    }

    @Override
    public LockEvidence verifyLocked(LockLevel level) throws ProvisioningException {
        requireReadoutProtectedLevel(level);
        List<String> observations = new ArrayList<>();
        int productId = resyncedProductId(observations);
        target = lookUp(productId);
        observations.add(String.format("GET_ID -> 0x%04X (%s)", productId, target.family()));
        List<Long> probes = new ArrayList<>(List.of(target.flashBase()));
        target.keySlot().ifPresent(slot -> probes.add(slot.address()));
        boolean locked = true;
        for (long address : probes) {
            Optional<byte[]> read = commands.readMemory(address, PROBE_LENGTH);
            locked &= read.isEmpty();
            observations.add("READ_MEMORY " + Stm32Protocol.hex32(address)
                    + (read.isEmpty() ? " -> NACK 0x1F" : " -> ACK, " + PROBE_LENGTH + " bytes read"));
        }
        log.info("{}: lock {} verified: {}", transport.path(), locked ? "is" : "is NOT", observations);
        return new LockEvidence(level, locked, observations);
    }

    /**
     * GET_ID on a synced session (re-synced after the lock's reset), else after a fresh sync; a device that
     * reset behind the link's back is synced again once.
     */
    private int resyncedProductId(List<String> observations) throws ProvisioningException {
        if (synced) {
            try {
                int productId = commands.getId();
                if (resetSync != null) {
                    observations.add(resetSync);
                }
                return productId;
            } catch (ProvisioningException silent) {
                if (silent.code() != ErrorCode.DEVICE_NOT_RESPONDING) {
                    throw silent;
                }
                log.info("{}: no answer on the kept session, syncing again", transport.path());
            }
        }
        observations.add("SYNC 0x7F -> " + Stm32Protocol.describe(commands.sync()));
        synced = true;
        return commands.getId();
    }

    @Override
    public void close() {
        transport.close();
    }

    private void ensureSynced() throws ProvisioningException {
        if (!synced) {
            commands.sync();
            synced = true;
        }
    }

    private void ensureIdentified() throws ProvisioningException {
        ensureSynced();
        if (info == null || target == null) {
            info = commands.get();
            target = lookUp(commands.getId());
        }
    }

    /** AN3155: after the reset the bootloader waits for a new 0x7F; bytes sent while it boots are lost. */
    private void reconnectAfterReset() throws ProvisioningException {
        pause(options.resetSettle().toMillis());
        int reply;
        try {
            reply = commands.sync();
        } catch (ProvisioningException notBack) {
            if (notBack.code() != ErrorCode.DEVICE_NOT_RESPONDING) {
                throw notBack;
            }
            log.info("{}: no answer after the reset, reopening the port", transport.path());
            transport.reopen();
            reply = commands.sync();
        }
        resetSync = "SYNC 0x7F after the reset -> " + Stm32Protocol.describe(reply);
        synced = true;
    }

    private Stm32Target lookUp(int productId) throws ProvisioningException {
        return Stm32Target.forProductId(productId).orElseThrow(() -> new ProvisioningException(
                ErrorCode.DEVICE_UNSUPPORTED, String.format("The device on %s reports product id 0x%03X, which this "
                        + "station does not support.", transport.path(), productId),
                String.format("GET_ID -> 0x%04X", productId), null));
    }

    private Stm32Target.KeySlot keySlot() throws ProvisioningException {
        return target.keySlot().orElseThrow(() -> new ProvisioningException(ErrorCode.DEVICE_UNSUPPORTED,
                "No identity key slot is defined for the " + target.family() + " on " + transport.path() + ".",
                target.family(), null));
    }

    private void requireReadoutProtectedLevel(LockLevel level) throws ProvisioningException {
        if (level == LockLevel.PERMANENT) {
            throw new ProvisioningException(ErrorCode.DEVICE_UNSUPPORTED, "The permanent lock (RDP level 2) of the "
                    + "device on " + transport.path() + " is not supported yet.", "LockLevel.PERMANENT", null);
        }
    }

    private ProvisioningException alreadyLocked() {
        return new ProvisioningException(ErrorCode.DEVICE_ALREADY_LOCKED, "The " + target.family() + " on "
                + transport.path() + " is readout-protected and refuses memory reads.",
                "READ_MEMORY command -> NACK 0x1F", null);
    }

    private static byte[] padToWords(byte[] chunk) {
        int padded = (chunk.length + 3) & ~3;
        byte[] words = Arrays.copyOf(chunk, padded);
        Arrays.fill(words, chunk.length, padded, (byte) 0xFF);
        return words;
    }

    private static void pause(long millis) throws ProvisioningException {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED,
                    "The station was interrupted while the device reset.", null, e);
        }
    }
}
