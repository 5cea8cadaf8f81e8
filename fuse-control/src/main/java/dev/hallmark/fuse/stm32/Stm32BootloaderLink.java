package dev.hallmark.fuse.stm32;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.LockPlan;
import dev.hallmark.engine.port.ReadoutUnprotect;
import dev.hallmark.engine.port.TargetLink;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's link to an STM32 (F1, F4, L4) in its system bootloader (ST AN3155) on one fixture's serial port:
 * identify, write and read back the identity key slot, lock (RDP level 1 by READOUT_PROTECT, level 2 by an
 * option-byte write where the family has it), plan a lock without changing anything, and observe that it
 * holds. Every exchange is retried with a re-sync ({@link Stm32Session}); after a protection command or an
 * option write the device resets and the link syncs again. One link per fixture, used by one thread at a time.
 */
public final class Stm32BootloaderLink implements TargetLink, ReadoutUnprotect {

    private static final Logger log = LoggerFactory.getLogger(Stm32BootloaderLink.class);
    static final int PROBE_LENGTH = 4;

    private final SerialTransport transport;
    private final Stm32Session session;
    private final Stm32Commands commands;
    private final Stm32LinkOptions options;
    private Stm32Commands.BootloaderInfo info;
    private Stm32Target target;
    private Integer resetReply;
    private boolean level2WriteAcked;

    private Stm32BootloaderLink(SerialTransport transport, Stm32LinkOptions options) {
        this.transport = transport;
        this.session = new Stm32Session(transport, options);
        this.commands = session.commands();
        this.options = options;
    }

    /** Opens the port; the device is first spoken to by the first operation. */
    public static Stm32BootloaderLink open(String portPath, Stm32LinkOptions options, Clock clock)
            throws ProvisioningException {
        return new Stm32BootloaderLink(SerialTransport.open(portPath, options, clock), options);
    }

    @Override
    public DeviceInfo identify() throws ProvisioningException {
        session.ensureSynced();
        info = session.bootloaderInfo();
        target = lookUp(session.productId());
        Optional<byte[]> uid = readUid();
        log.info("{}: {} (0x{}), bootloader 0x{}, {}", transport.path(), target.family(),
                Integer.toHexString(target.productId()), Integer.toHexString(info.version()),
                uid.isPresent() ? "UID readable" : "readout-protected");
        return new DeviceInfo(target.family(), target.productId(), info.version(),
                uid.map(DeviceUid::of).orElse(null), uid.isEmpty());
    }

    /** GET_VERSION: the bootloader version, e.g. 0x31. */
    public int bootloaderVersion() throws ProvisioningException {
        return session.retried("GET_VERSION", commands::getVersion);
    }

    @Override
    public DeviceUid readUniqueId() throws ProvisioningException {
        ensureIdentified();
        return DeviceUid.of(readUid().orElseThrow(this::alreadyLocked));
    }

    /**
     * The UID, read until two reads agree: READ_MEMORY data carries no checksum, and a UID changed by line noise
     * would bind the identity to another device.
     */
    private Optional<byte[]> readUid() throws ProvisioningException {
        return session.agreed("READ_MEMORY " + Stm32Protocol.hex32(target.uidAddress()),
                () -> session.read(target.uidAddress(), Stm32Target.UID_LENGTH),
                (a, b) -> a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get())));
    }

    @Override
    public void writeIdentity(byte[] blob) throws ProvisioningException {
        ensureIdentified();
        Stm32Target.KeySlot slot = keySlot();
        if (blob.length == 0 || blob.length > slot.size()) {
            throw new IllegalArgumentException("an identity blob of " + blob.length + " bytes does not fit the "
                    + slot.size() + "-byte key slot");
        }
        session.retried("ERASE", () -> {
            commands.erase(info, slot.eraseNumber());
            return null;
        });
        for (int offset = 0; offset < blob.length; offset += Stm32Protocol.MAX_BLOCK) {
            byte[] chunk = padToWords(Arrays.copyOfRange(blob, offset,
                    Math.min(blob.length, offset + Stm32Protocol.MAX_BLOCK)));
            long address = slot.address() + offset;
            session.retried("WRITE_MEMORY " + Stm32Protocol.hex32(address), () -> {
                commands.writeMemory(address, chunk);
                return null;
            });
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
        return readMemory(slot.address(), length).orElseThrow(this::alreadyLocked);
    }

    /** Reads any length from the address in blocks of 256; empty if the device refuses reads (readout protection). */
    public Optional<byte[]> readMemory(long address, int length) throws ProvisioningException {
        ensureIdentified();
        byte[] data = new byte[length];
        for (int offset = 0; offset < length; offset += Stm32Protocol.MAX_BLOCK) {
            int n = Math.min(Stm32Protocol.MAX_BLOCK, length - offset);
            Optional<byte[]> chunk = session.read(address + offset, n);
            if (chunk.isEmpty()) {
                return Optional.empty();
            }
            System.arraycopy(chunk.get(), 0, data, offset, n);
        }
        return Optional.of(data);
    }

    /** The option bytes as the bootloader reads them; empty under readout protection. */
    public Optional<byte[]> readOptionBytes() throws ProvisioningException {
        ensureIdentified();
        return session.read(target.options().address(), target.options().size());
    }

    /**
     * Programs the option bytes (the whole image, as read by {@link #readOptionBytes()}) with a WRITE_MEMORY to
     * their area; the device resets and the link syncs again unless the new image silences it (RDP level 2).
     */
    public void writeOptionBytes(byte[] image) throws ProvisioningException {
        ensureIdentified();
        new OptionByteWriter(session, target, transport.path()).write(image);
        afterOptionChange(target.options().level(image) == 2);
    }

    /** WRITE_PROTECT of the sectors (pages on F1: four pages per protection bit); the device resets. */
    public void writeProtect(int... sectors) throws ProvisioningException {
        ensureIdentified();
        optionCommand("WRITE_PROTECT", () -> commands.writeProtect(sectors));
    }

    /** WRITE_UNPROTECT: every sector writable again; the device resets. */
    public void writeUnprotect() throws ProvisioningException {
        ensureIdentified();
        optionCommand("WRITE_UNPROTECT", () -> commands.optionCommand(Stm32Protocol.WRITE_UNPROTECT));
    }

    /** READOUT_UNPROTECT (0x92): back to RDP level 0, which mass-erases the flash; the device resets. */
    @Override
    public void readoutUnprotect() throws ProvisioningException {
        ensureIdentified();
        optionCommand("READOUT_UNPROTECT", () -> commands.optionCommand(Stm32Protocol.READOUT_UNPROTECT));
    }

    /** {@inheritDoc} On an STM32: the UID reads again and the key slot's first bytes read 0xFF (erased flash). */
    @Override
    public Wiped wipedReadBack() throws ProvisioningException {
        return Stm32WipeCheck.readBack(this, transport.path());
    }

    @Override
    public void lockDebug(LockLevel level) throws ProvisioningException {
        ensureIdentified();
        if (level == LockLevel.PERMANENT) {
            lockPermanently();
            return;
        }
        for (int attempt = 1; ; attempt++) {
            if (readoutProtected()) {
                log.info("{}: readout-protected, nothing (more) to do", transport.path());
                return;
            }
            if (session.retried("READOUT_PROTECT", commands::readoutProtect)) {
                log.info("{}: readout protection set, the device resets", transport.path());
                afterOptionChange(false);
                return;
            }
            if (attempt >= options.attempts()) {
                throw new ProvisioningException(ErrorCode.DEVICE_NACK, "The device on " + transport.path()
                        + " refused READOUT_PROTECT.", "READOUT_PROTECT command -> NACK 0x1F", null);
            }
        }
    }

    private void lockPermanently() throws ProvisioningException {
        Stm32Target.OptionLayout layout = target.options();
        if (!layout.hasLevel2()) {
            throw new ProvisioningException(ErrorCode.DEVICE_LOCK_LEVEL_UNAVAILABLE, "The " + target.family() + " on "
                    + transport.path() + " has no permanent lock (RDP level 2).", target.family() + " RDP", null);
        }
        byte[] image = readOptionBytes().orElseThrow(() -> new ProvisioningException(ErrorCode.DEVICE_ALREADY_LOCKED,
                "The " + target.family() + " on " + transport.path() + " is at RDP level 1; level 2 cannot be set "
                        + "through the bootloader from there.", "READ_MEMORY option bytes -> NACK 0x1F", null));
        level2WriteAcked = new OptionByteWriter(session, target, transport.path())
                .write(layout.withRdp(image, Stm32Target.OptionLayout.LEVEL_2));
        session.deviceReset();
        resetReply = null;
        log.info("{}: RDP level 2 written ({}), the bootloader is gone for good", transport.path(),
                level2WriteAcked ? "ACKed" : "ACK lost, device silent afterwards");
    }

    @Override
    public LockPlan planLock(LockLevel level) throws ProvisioningException {
        ensureIdentified();
        Optional<byte[]> image = readOptionBytes();
        return new Stm32LockPlanner(target, transport.path()).plan(level, image);
    }

    @Override
    public LockEvidence verifyLocked(LockLevel level) throws ProvisioningException {
        Stm32LockVerifier verifier = new Stm32LockVerifier(session, transport.path());
        if (level == LockLevel.PERMANENT) {
            return verifier.verifyPermanent(level2WriteAcked);
        }
        LockEvidence evidence = verifier.verifyReadout(resetReply);
        target = verifier.target();
        return evidence;
    }

    @Override
    public void close() {
        transport.close();
    }

    private void ensureIdentified() throws ProvisioningException {
        session.ensureSynced();
        if (info == null || target == null) {
            info = session.bootloaderInfo();
            target = lookUp(session.productId());
        }
    }

    private boolean readoutProtected() throws ProvisioningException {
        return session.read(target.flashBase(), PROBE_LENGTH).isEmpty();
    }

    private void optionCommand(String name, Stm32Session.Exchange<Boolean> exchange) throws ProvisioningException {
        if (!session.retried(name, exchange)) {
            throw new ProvisioningException(ErrorCode.DEVICE_NACK, "The device on " + transport.path() + " refused "
                    + name + ".", name + " command -> NACK 0x1F", null);
        }
        afterOptionChange(false);
    }

    /** AN3155: after the reset the bootloader waits for a new 0x7F; bytes sent while it boots are lost. */
    private void afterOptionChange(boolean silenced) throws ProvisioningException {
        session.deviceReset();
        if (silenced) {
            return;
        }
        resetReply = session.reconnect();
    }

    static Stm32Target lookUp(int productId, String path) throws ProvisioningException {
        return Stm32Target.forProductId(productId).orElseThrow(() -> new ProvisioningException(
                ErrorCode.DEVICE_UNSUPPORTED, String.format("The device on %s reports product id 0x%03X, which this "
                        + "station does not support.", path, productId),
                String.format("GET_ID -> 0x%04X", productId), null));
    }

    private Stm32Target lookUp(int productId) throws ProvisioningException {
        return lookUp(productId, transport.path());
    }

    private Stm32Target.KeySlot keySlot() throws ProvisioningException {
        return target.keySlot().orElseThrow(() -> new ProvisioningException(ErrorCode.DEVICE_UNSUPPORTED,
                "No identity key slot is defined for the " + target.family() + " on " + transport.path() + ".",
                target.family(), null));
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
}
