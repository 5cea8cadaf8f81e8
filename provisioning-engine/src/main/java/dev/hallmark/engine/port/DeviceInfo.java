package dev.hallmark.engine.port;

import dev.hallmark.engine.api.DeviceUid;

/**
 * What IDENTIFY learns of a device.
 *
 * @param chipFamily        e.g. {@code STM32F4}
 * @param productId         e.g. 0x413 from GET_ID
 * @param bootloaderVersion e.g. 0x31 from GET
 * @param uid               the hardware unique ID
 * @param readoutProtected  whether the device already refuses memory reads
 */
public record DeviceInfo(String chipFamily, int productId, int bootloaderVersion, DeviceUid uid,
                         boolean readoutProtected) {
}
