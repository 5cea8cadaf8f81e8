package dev.hallmark.fuse.esp32;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** The ROM loader commands the station uses, each a typed call over a {@link RomClient}. */
final class RomCommands {

    static final int FLASH_BEGIN = 0x02;
    static final int FLASH_DATA = 0x03;
    static final int FLASH_END = 0x04;
    static final int WRITE_REG = 0x09;
    static final int READ_REG = 0x0A;
    static final int SPI_SET_PARAMS = 0x0B;
    static final int SPI_ATTACH = 0x0D;
    static final int SPI_FLASH_MD5 = 0x13;
    static final int GET_SECURITY_INFO = 0x14;
    /** The ROM's flash write block. */
    static final int FLASH_BLOCK = 0x400;
    static final int FLASH_SECTOR = 0x1000;
    static final int FLASH_SIZE = 4 * 1024 * 1024;

    private final RomClient client;
    private final EspLinkOptions options;

    RomCommands(RomClient client, EspLinkOptions options) {
        this.client = client;
        this.options = options;
    }

    /** The 36-byte SYNC payload: 07 07 12 20, then 32 times 0x55. */
    static byte[] syncPayload() {
        byte[] payload = new byte[36];
        payload[0] = 0x07;
        payload[1] = 0x07;
        payload[2] = 0x12;
        payload[3] = 0x20;
        Arrays.fill(payload, 4, 36, (byte) 0x55);
        return payload;
    }

    /** SYNC until the ROM answers, up to the configured attempts; the extra answers are skipped later. */
    RomReply sync() throws ProvisioningException {
        ProvisioningException last = null;
        for (int attempt = 0; attempt < options.syncAttempts(); attempt++) {
            try {
                return client.call("SYNC", RomClient.SYNC, syncPayload(), 0, options.syncTimeout());
            } catch (ProvisioningException e) {
                if (e.code() != ErrorCode.DEVICE_NOT_RESPONDING && e.code() != ErrorCode.DEVICE_PROTOCOL_ERROR) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    long readReg(long address) throws ProvisioningException {
        return client.call(String.format("READ_REG 0x%08X", address), READ_REG, words(address),
                0, options.readTimeout()).value();
    }

    void writeReg(long address, long value) throws ProvisioningException {
        client.call(String.format("WRITE_REG 0x%08X", address), WRITE_REG, words(address, value, 0xFFFFFFFFL, 0),
                0, options.readTimeout());
    }

    /** GET_SECURITY_INFO's 20 data bytes, or a reply with a failed status (older ROMs). */
    RomReply securityInfo() throws ProvisioningException {
        return client.exchange("GET_SECURITY_INFO", GET_SECURITY_INFO, new byte[0], 0, options.readTimeout());
    }

    /** SPI_ATTACH to the default flash pins, then SPI_SET_PARAMS for a 4 MB chip. */
    void attachFlash() throws ProvisioningException {
        client.call("SPI_ATTACH", SPI_ATTACH, words(0, 0), 0, options.readTimeout());
        client.call("SPI_SET_PARAMS", SPI_SET_PARAMS, words(0, FLASH_SIZE, 0x10000, FLASH_SECTOR, 0x100, 0xFFFF),
                0, options.readTimeout());
    }

    /** Writes {@code data} at {@code offset}: FLASH_BEGIN (erases), FLASH_DATA blocks, FLASH_END staying in the loader. */
    void writeFlash(int offset, byte[] data) throws ProvisioningException {
        int blocks = (data.length + FLASH_BLOCK - 1) / FLASH_BLOCK;
        int eraseSize = (data.length + FLASH_SECTOR - 1) / FLASH_SECTOR * FLASH_SECTOR;
        client.call("FLASH_BEGIN", FLASH_BEGIN, words(eraseSize, blocks, FLASH_BLOCK, offset, 0), 0,
                options.eraseTimeout());
        for (int seq = 0; seq < blocks; seq++) {
            byte[] block = Arrays.copyOfRange(data, seq * FLASH_BLOCK, (seq + 1) * FLASH_BLOCK);
            int filled = Math.min(FLASH_BLOCK, data.length - seq * FLASH_BLOCK);
            Arrays.fill(block, filled, FLASH_BLOCK, (byte) 0xFF);
            ByteBuffer body = ByteBuffer.allocate(16 + FLASH_BLOCK).order(ByteOrder.LITTLE_ENDIAN);
            body.putInt(FLASH_BLOCK).putInt(seq).putInt(0).putInt(0).put(block);
            client.call("FLASH_DATA " + seq, FLASH_DATA, body.array(), RomClient.checksum(block, 0, block.length),
                    options.eraseTimeout());
        }
        flashEnd(false);
    }

    /** FLASH_END: with {@code reboot} the chip restarts after the answer, else it stays in the loader. */
    void flashEnd(boolean reboot) throws ProvisioningException {
        client.call("FLASH_END", FLASH_END, words(reboot ? 0 : 1), 0, options.readTimeout());
    }

    /** SPI_FLASH_MD5 of a region: the ROM answers 32 hex digits. */
    String flashMd5(int offset, int length) throws ProvisioningException {
        RomReply reply = client.call("SPI_FLASH_MD5", SPI_FLASH_MD5, words(offset, length, 0, 0), 0,
                options.eraseTimeout());
        String hex = new String(reply.data(), StandardCharsets.US_ASCII);
        if (hex.length() != 32 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new ProvisioningException(ErrorCode.DEVICE_PROTOCOL_ERROR, "The ESP32-C3 on " + client.path()
                    + " answered SPI_FLASH_MD5 with no MD5.", reply.data().length + " data bytes", null);
        }
        return hex.toLowerCase(java.util.Locale.ROOT);
    }

    static byte[] words(long... values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            out.putInt((int) value);
        }
        return out.array();
    }
}
