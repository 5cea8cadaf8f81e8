package dev.hallmark.fuse.esp32;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.LockPlan;
import dev.hallmark.engine.port.TargetLink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's link to an ESP32-C3 in its ROM serial loader on one fixture: identify (SYNC, GET_SECURITY_INFO
 * chip id, OPTIONAL_UNIQUE_ID from eFuse BLOCK2), the identity blob written to the flash key slot and verified by
 * SPI_FLASH_MD5, and the permanent lock by eFuses, planned, then burnt in two phases with read-back. The ROM cannot
 * read flash back, so {@link #readIdentity} returns the blob written on this link only after the chip's MD5 of the
 * slot matched it. One link per fixture, used by one thread at a time.
 */
public final class EspRomLink implements TargetLink {

    /** The chip family name of profiles and DeviceInfo. */
    public static final String CHIP_FAMILY = "ESP32C3";
    /** Flash offset and size of the identity key slot (docs/identity-blob.md). */
    public static final int KEY_SLOT_OFFSET = KeySlot.OFFSET;
    public static final int KEY_SLOT_SIZE = KeySlot.SIZE;
    static final int CHIP_ID = 5;
    /** KEY0 is BLOCK4. */
    static final int KEY_BLOCK_OFFSET = 4;
    static final long CHIP_MAGIC_REG = 0x4000_1000L;
    private static final List<Long> CHIP_MAGICS = List.of(0x6921_506FL, 0x1B31_506FL);
    private static final Logger log = LoggerFactory.getLogger(EspRomLink.class);

    private final RomWire wire;
    private final RomClient client;
    private final RomCommands rom;
    private final EfuseBurner efuses;
    private final EspLinkOptions options;
    private final KeySlot keySlot;
    private boolean synced;
    private EfuseSnapshot lockedMap;
    private int[][] lockedKeys;

    EspRomLink(RomWire wire, EspLinkOptions options, Clock clock) {
        this.wire = wire;
        this.options = options;
        this.client = new RomClient(wire, clock);
        this.rom = new RomCommands(client, options);
        this.efuses = new EfuseBurner(rom, options, clock, wire.path());
        this.keySlot = new KeySlot(rom, wire.path());
    }

    /** Opens the port; the chip is first spoken to by the first operation. */
    public static EspRomLink open(String portPath, EspLinkOptions options, Clock clock) throws ProvisioningException {
        return new EspRomLink(EspSerialPort.open(portPath, options.baudRate()), options, clock);
    }

    @Override
    public DeviceInfo identify() throws ProvisioningException {
        ensureSynced();
        int chipId = chipId();
        if (chipId != CHIP_ID) {
            throw new ProvisioningException(ErrorCode.DEVICE_UNSUPPORTED, "The chip on " + wire.path() + " reports "
                    + "chip id " + chipId + ", not an ESP32-C3.", "GET_SECURITY_INFO chip_id=" + chipId, null);
        }
        EfuseSnapshot map = efuses.read();
        boolean locked = EfusePlan.plan(LockLevel.PERMANENT, map, false, wire.path()).isEmpty()
                || map.value(EfuseField.ENABLE_SECURITY_DOWNLOAD) != 0;
        DeviceUid uid = uidOf(map);
        log.info("{}: ESP32-C3 rev v{}.{}, MAC {}, uid {}{}", wire.path(), map.chipRevision() >> 4,
                map.chipRevision() & 0xF, map.macText(), uid, locked ? ", already locked" : "");
        return new DeviceInfo(CHIP_FAMILY, chipId, map.chipRevision(), uid, locked);
    }

    @Override
    public DeviceUid readUniqueId() throws ProvisioningException {
        ensureSynced();
        return uidOf(efuses.read());
    }

    /** The OPTIONAL_UNIQUE_ID; the MAC for the rare chip whose BLOCK2 was left blank. */
    private static DeviceUid uidOf(EfuseSnapshot map) {
        byte[] uid = map.uniqueId();
        return DeviceUid.of(Arrays.equals(uid, new byte[uid.length]) ? map.mac() : uid);
    }

    private int chipId() throws ProvisioningException {
        RomReply info = rom.securityInfo();
        if (info.ok() && info.data().length >= 16) {
            return ByteBuffer.wrap(info.data()).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
        }
        long magic = rom.readReg(CHIP_MAGIC_REG);
        return CHIP_MAGICS.contains(magic) ? CHIP_ID : (int) magic;
    }

    @Override
    public void writeIdentity(byte[] blob) throws ProvisioningException {
        ensureSynced();
        keySlot.write(blob);
    }

    /**
     * The ESP32-C3 ROM has no flash read command: this asks the chip for SPI_FLASH_MD5 of the first {@code length}
     * bytes of the key slot and returns the blob written on this link if the chip's MD5 equals the blob's.
     *
     * @throws ProvisioningException DEVICE_READBACK_MISMATCH if the MD5s differ; DEVICE_UNSUPPORTED if nothing of
     *                               that length was written on this link (the ROM cannot return flash contents)
     */
    @Override
    public byte[] readIdentity(int length) throws ProvisioningException {
        ensureSynced();
        return keySlot.verifiedCopy(length);
    }

    /**
     * The dry run: the burns {@link #lockDebug} would do now, against the chip's current eFuse map. Named apart from
     * the engine's coming {@code TargetLink.planLock(LockLevel)} so that an override can wrap it.
     */
    public EfusePlan planEfuses(LockLevel level) throws ProvisioningException {
        ensureSynced();
        EfuseSnapshot map = efuses.read();
        byte[] digest = options.secureBootDigest();
        return EfusePlan.plan(level, map, digest == null ? null : efuses.readKeyBlocks(), digest,
                options.requireSecureBoot(), wire.path());
    }

    /** The dry run as the engine's port shows it: each planned burn, phase by phase; the notes go to the log. */
    @Override
    public LockPlan planLock(LockLevel level) throws ProvisioningException {
        EfusePlan plan = planEfuses(level);
        plan.notes().forEach(note -> log.info("{}: plan note: {}", wire.path(), note));
        Map<String, String> current = new LinkedHashMap<>();
        List<LockPlan.Change> changes = new ArrayList<>();
        for (EfusePlan.Change change : plan.changes()) {
            current.putIfAbsent(change.name(), hex(change.from()));
            changes.add(new LockPlan.Change(change.name(), hex(change.from()), hex(change.to()),
                    "phase " + change.phase() + ": " + change.reason()));
        }
        return new LockPlan("ESP32-C3 on " + wire.path(), level, current, changes, plan.irreversible());
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public void lockDebug(LockLevel level) throws ProvisioningException {
        EfusePlan plan = planEfuses(level);
        if (plan.isEmpty()) {
            log.info("{}: eFuses already locked, nothing to burn", wire.path());
            lockedMap = efuses.read();
            lockedKeys = options.secureBootDigest() == null ? null : efuses.readKeyBlocks();
            return;
        }
        plan.lines().forEach(line -> log.info("{}: plan: {}", wire.path(), line));
        if (plan.burnsDigest()) {
            burnDigest(plan);
        }
        efuses.programBlock0(plan.dataWords());
        checkPhase(plan, EfusePlan.DATA, efuses.read());
        efuses.programBlock0(plan.protectWords());
        EfuseSnapshot after = efuses.read();
        checkPhase(plan, EfusePlan.PROTECT, after);
        lockedMap = after;
        lockedKeys = options.secureBootDigest() == null ? null : efuses.readKeyBlocks();
        log.info("{}: {} eFuse changes burnt and read back", wire.path(), plan.changes().size());
    }

    /** Phase 0: the secure boot key digest into its key block, read back equal before anything else is burnt. */
    private void burnDigest(EfusePlan plan) throws ProvisioningException {
        int block = plan.digestBlock();
        efuses.programBlock(KEY_BLOCK_OFFSET + block, plan.digestWords());
        int[] back = efuses.readKeyBlock(block);
        if (!Arrays.equals(back, plan.digestWords())) {
            throw new ProvisioningException(ErrorCode.DEVICE_SECURE_BOOT_DIGEST_MISMATCH, "The secure boot key digest "
                    + "burnt into BLOCK_KEY" + block + " of the ESP32-C3 on " + wire.path()
                    + " did not read back as the profile's.", "read " + Arrays.toString(back), null);
        }
        log.info("{}: secure boot key digest burnt into BLOCK_KEY{} and read back equal", wire.path(), block);
    }

    private void checkPhase(EfusePlan plan, int phase, EfuseSnapshot map) throws ProvisioningException {
        for (EfusePlan.Change change : plan.phase(phase)) {
            long now = phase == EfusePlan.PROTECT ? (map.writeProtected(wrDisBit(change)) ? 1 : 0)
                    : map.value(EfuseField.valueOf(change.name()));
            if ((now & change.to()) != change.to()) {
                throw new ProvisioningException(ErrorCode.DEVICE_EFUSE_BURN_FAILED, "The eFuse " + change.name()
                        + " of the ESP32-C3 on " + wire.path() + " did not read back as burnt.",
                        String.format("%s read 0x%X, expected 0x%X (phase %d)", change.name(), now, change.to(), phase),
                        null);
            }
        }
    }

    static int wrDisBit(EfusePlan.Change change) {
        return Integer.parseInt(change.name().substring("WR_DIS[".length(), change.name().length() - 1));
    }

    @Override
    public LockEvidence verifyLocked(LockLevel level) throws ProvisioningException {
        EfusePlan.requirePermanent(level, wire.path());
        List<String> observations = new ArrayList<>();
        byte[] digest = options.secureBootDigest();
        SecureBootCheck secureBoot = new SecureBootCheck();
        boolean fusesLocked;
        try {
            ensureSynced();
            EfuseSnapshot map = efuses.read();
            int[][] keyBlocks = digest == null ? null : efuses.readKeyBlocks();
            fusesLocked = observeFuses(map, keyBlocks, observations);
            if (digest != null) {
                RomReply info = rom.securityInfo();
                secureBoot.fuses(digest, map, keyBlocks, info.ok() ? info.data() : null);
            }
            rom.flashEnd(true);
            observations.add("FLASH_END reboot -> OK, the chip restarts");
        } catch (ProvisioningException silentAlready) {
            if (silentAlready.code() != ErrorCode.DEVICE_NOT_RESPONDING) {
                throw silentAlready;
            }
            observations.add("SYNC before the reboot -> no answer: eFuses not readable now");
            fusesLocked = lockedMap != null && observeFuses(lockedMap, lockedKeys, observations);
            secureBoot.notReadable("the loader was silent before the reboot: GET_SECURITY_INFO cannot be asked");
            if (lockedMap != null) {
                observations.add("(eFuse values above as read back at the end of the lock on this link)");
            }
        }
        synced = false;
        keySlot.chipRebooted();
        pause(options.resetSettle().toMillis());
        String bootText = client.drainText(options.resetSettle());
        boolean silent = loaderSilent();
        observations.add("after the reboot: " + bootText.length() + " bytes of boot text, SYNC x"
                + options.syncAttempts()
                + (silent ? " -> no answer (ROM download mode disabled)" : " -> answered (download mode still on)"));
        boolean locked = fusesLocked && silent;
        if (digest != null) {
            secureBoot.bootText(bootText);
            observations.add(secureBoot.observation());
            locked &= secureBoot.confirmed();
        }
        log.info("{}: lock {} verified: {}", wire.path(), locked ? "is" : "is NOT", observations);
        return new LockEvidence(level, locked, observations);
    }

    private boolean observeFuses(EfuseSnapshot map, int[][] keyBlocks, List<String> observations)
            throws ProvisioningException {
        for (EfuseField field : List.of(EfuseField.DIS_PAD_JTAG, EfuseField.DIS_USB_JTAG, EfuseField.SOFT_DIS_JTAG,
                EfuseField.DIS_DOWNLOAD_MODE, EfuseField.SECURE_BOOT_EN, EfuseField.RD_DIS)) {
            observations.add(String.format("%s = 0x%X", field, map.value(field)));
        }
        observations.add(String.format("WR_DIS = 0x%08X", map.block0()[0]));
        byte[] digest = options.secureBootDigest();
        EfusePlan remaining = digest == null || keyBlocks == null
                ? EfusePlan.plan(LockLevel.PERMANENT, map, options.requireSecureBoot(), wire.path())
                : EfusePlan.plan(LockLevel.PERMANENT, map, keyBlocks, digest, true, wire.path());
        remaining.changes().forEach(c -> observations.add("NOT burnt: " + c.name()));
        return remaining.isEmpty();
    }

    private boolean loaderSilent() throws ProvisioningException {
        try {
            rom.sync();
            synced = true;
            return false;
        } catch (ProvisioningException e) {
            if (e.code() == ErrorCode.DEVICE_NOT_RESPONDING || e.code() == ErrorCode.DEVICE_PROTOCOL_ERROR) {
                return true;
            }
            throw e;
        }
    }

    /** The eFuse map read back at the end of {@link #lockDebug}, or null before. */
    EfuseSnapshot lockedMap() {
        return lockedMap;
    }

    @Override
    public void close() {
        wire.close();
    }

    private void ensureSynced() throws ProvisioningException {
        if (!synced) {
            client.discardInput();
            rom.sync();
            synced = true;
        }
    }

    private static void pause(long millis) throws ProvisioningException {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED, "The station was interrupted while the chip rebooted.",
                    null, e);
        }
    }
}
