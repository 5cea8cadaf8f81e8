package dev.hallmark.testkit.fake;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.ReadoutUnprotect;
import dev.hallmark.engine.port.TargetLink;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An in-memory device for fast engine tests: a UID, a key slot and a lock, with faults injected per
 * operation. Not a simulator of any protocol (that is device-sim's job).
 */
public final class FakeDevice {

    /** The link operations a fault can be injected into. */
    public enum Operation { IDENTIFY, WRITE, READ, LOCK, VERIFY }

    private final String chipFamily;
    private final DeviceUid uid;
    private final Map<Operation, ErrorCode> faults = new EnumMap<>(Operation.class);
    private byte[] keySlot = new byte[0];
    private boolean locked;
    private boolean lockIneffective;
    private boolean corruptReadBack;
    private boolean unprotectIneffective;
    private boolean noUnprotect;

    public FakeDevice(String chipFamily, DeviceUid uid) {
        this.chipFamily = chipFamily;
        this.uid = uid;
    }

    /** A device with a UID drawn from the seeded random. */
    public static FakeDevice random(String chipFamily, Random random) {
        byte[] uid = new byte[12];
        random.nextBytes(uid);
        return new FakeDevice(chipFamily, DeviceUid.of(uid));
    }

    public synchronized FakeDevice failOn(Operation operation, ErrorCode code) {
        faults.put(operation, code);
        return this;
    }

    /** The lock command is acknowledged but the device keeps answering reads. */
    public synchronized FakeDevice lockIneffective() {
        lockIneffective = true;
        return this;
    }

    /** The key slot reads back with one bit flipped. */
    public synchronized FakeDevice corruptReadBack() {
        corruptReadBack = true;
        return this;
    }

    /** Readout unprotect is acknowledged but the device keeps refusing reads and keeps its key slot. */
    public synchronized FakeDevice unprotectIneffective() {
        unprotectIneffective = true;
        return this;
    }

    /** Links to this device lack the {@link ReadoutUnprotect} capability (as an ESP32's eFuses do). */
    public synchronized FakeDevice withoutReadoutUnprotect() {
        noUnprotect = true;
        return this;
    }

    public synchronized DeviceUid uid() {
        return uid;
    }

    public synchronized byte[] keySlot() {
        return keySlot.clone();
    }

    public synchronized boolean locked() {
        return locked;
    }

    /** A link to this device. */
    public synchronized TargetLink link() {
        return noUnprotect ? new Link() : new UnprotectableLink();
    }

    private synchronized void check(Operation operation) throws ProvisioningException {
        ErrorCode code = faults.get(operation);
        if (code != null) {
            throw new ProvisioningException(code, "injected fault on " + operation);
        }
    }

    /** A link with the readout unprotect capability: unprotecting unlocks the device and erases its key slot. */
    private final class UnprotectableLink extends Link implements ReadoutUnprotect {
        @Override
        public void readoutUnprotect() throws ProvisioningException {
            check(Operation.LOCK);
            synchronized (FakeDevice.this) {
                if (!unprotectIneffective) {
                    locked = false;
                    keySlot = new byte[0];
                }
            }
        }

        @Override
        public Wiped wipedReadBack() throws ProvisioningException {
            synchronized (FakeDevice.this) {
                if (locked || keySlot.length > 0) {
                    throw new ProvisioningException(ErrorCode.REWORK_STILL_PROTECTED, "the fake device is not wiped");
                }
                return new Wiped(uid, "fake: key slot erased, UID " + uid.hex() + " readable");
            }
        }
    }

    private class Link implements TargetLink {
        @Override
        public DeviceInfo identify() throws ProvisioningException {
            check(Operation.IDENTIFY);
            synchronized (FakeDevice.this) {
                return new DeviceInfo(chipFamily, 0x413, 0x31, locked ? null : uid, locked);
            }
        }

        @Override
        public DeviceUid readUniqueId() throws ProvisioningException {
            check(Operation.IDENTIFY);
            return uid;
        }

        @Override
        public void writeIdentity(byte[] blob) throws ProvisioningException {
            check(Operation.WRITE);
            synchronized (FakeDevice.this) {
                keySlot = blob.clone();
            }
        }

        @Override
        public byte[] readIdentity(int length) throws ProvisioningException {
            check(Operation.READ);
            synchronized (FakeDevice.this) {
                byte[] out = java.util.Arrays.copyOf(keySlot, length);
                if (corruptReadBack && length > 0) {
                    out[length - 1] ^= 1;
                }
                return out;
            }
        }

        @Override
        public void lockDebug(LockLevel level) throws ProvisioningException {
            check(Operation.LOCK);
            synchronized (FakeDevice.this) {
                locked = !lockIneffective;
            }
        }

        @Override
        public LockEvidence verifyLocked(LockLevel level) throws ProvisioningException {
            check(Operation.VERIFY);
            synchronized (FakeDevice.this) {
                return new LockEvidence(level, locked, List.of("fake read -> " + (locked ? "refused" : "answered")));
            }
        }

        @Override
        public void close() {
        }
    }
}
