package dev.hallmark.sim.esp32;

import java.io.IOException;
import java.util.Arrays;

/**
 * FLASH_BEGIN / FLASH_DATA / FLASH_END of the ROM loader: BEGIN erases the sectors of the region (and takes their
 * erase time), DATA writes numbered blocks of the agreed size after checking sequence and checksum.
 */
final class FlashWriter {

    private final SpiFlash flash;
    private final RomPort port;
    private boolean active;
    private int offset;
    private int blockSize;
    private int blocks;
    private int nextSequence;

    FlashWriter(SpiFlash flash, RomPort port) {
        this.flash = flash;
        this.port = port;
    }

    /** FLASH_BEGIN: erase size, number of blocks, block size, offset (and, on newer ROMs, an encryption flag). */
    byte[] begin(RomRequest r, EspTiming timing) throws IOException {
        int c = RomCommand.FLASH_BEGIN;
        if (r.data().length != 16 && r.data().length != 20) {
            return RomResponse.failed(c, RomCommand.ERR_INVALID_MESSAGE);
        }
        long eraseSize = r.word(0);
        long count = r.word(1);
        long size = r.word(2);
        long start = r.word(3);
        if (size == 0 || size > 0x4000 || !SpiFlash.inRange(start, eraseSize) || !SpiFlash.inRange(start, count * size)
                || (r.words() == 5 && r.word(4) != 0)) {
            active = false;
            return RomResponse.failed(c, RomCommand.ERR_FAILED);
        }
        int sectors = flash.erase((int) start, (int) eraseSize);
        port.pause(timing.eraseNanos(sectors));
        active = true;
        offset = (int) start;
        blockSize = (int) size;
        blocks = (int) count;
        nextSequence = 0;
        return RomResponse.ok(c);
    }

    /** FLASH_DATA: data size, sequence number, two zero words, then the data; checksum over the data. */
    byte[] data(RomRequest r, EspTiming timing) throws IOException {
        int c = RomCommand.FLASH_DATA;
        if (r.data().length < 16 || r.word(0) != r.data().length - 16) {
            return RomResponse.failed(c, RomCommand.ERR_INVALID_MESSAGE);
        }
        int length = r.data().length - 16;
        if (RomCommand.checksum(r.data(), 16, length) != (r.checksum() & 0xFF)) {
            return RomResponse.failed(c, RomCommand.ERR_INVALID_CRC);
        }
        long sequence = r.word(1);
        if (!active || sequence != nextSequence || sequence >= blocks || length > blockSize) {
            return RomResponse.failed(c, RomCommand.ERR_FLASH_WRITE);
        }
        flash.program(offset + nextSequence * blockSize, Arrays.copyOfRange(r.data(), 16, r.data().length));
        port.pause(timing.programNanos(length));
        nextSequence++;
        return RomResponse.ok(c);
    }

    /** FLASH_END: the write session is over. */
    void end() {
        active = false;
    }
}
