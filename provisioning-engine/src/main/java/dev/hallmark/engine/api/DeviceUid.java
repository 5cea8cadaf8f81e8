package dev.hallmark.engine.api;

import java.util.Arrays;
import java.util.HexFormat;

/** A device's hardware unique ID (96 bits on STM32), immutable. */
public final class DeviceUid {

    private final byte[] bytes;

    private DeviceUid(byte[] bytes) {
        if (bytes.length == 0 || bytes.length > 32) {
            throw new IllegalArgumentException("a device UID has 1 to 32 bytes, not " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    public static DeviceUid of(byte[] bytes) {
        return new DeviceUid(bytes);
    }

    public static DeviceUid ofHex(String hex) {
        return new DeviceUid(HexFormat.of().parseHex(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex, as stored and printed. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceUid other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
