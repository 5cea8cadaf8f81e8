package dev.hallmark.fuse.esp32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.testkit.fake.MutableClock;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Chip detection against scripted ROM replies: the security-info chip id, and the magic register for older ROMs. */
class EspRomLinkTest {

    private static byte[] reply(int command, long value, byte[] data, int status, int error) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).put((byte) command).putShort((short) (data.length + 4)).putInt((int) value).put(data);
        b.put((byte) status).put((byte) error).putShort((short) 0);
        return SlipFrames.encode(b.array());
    }

    private static byte[] securityInfo(int chipId) {
        return ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putInt(0).put(new byte[8]).putInt(chipId)
                .putInt(0).array();
    }

    private static EspRomLink link(MutableClock clock, byte[]... replies) {
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        for (byte[] r : replies) {
            script.writeBytes(r);
        }
        return new EspRomLink(new ScriptedWire(clock, script.toByteArray(), 64), EspLinkOptions.defaults(), clock);
    }

    @Test
    void anotherChipIdIsRefusedAsUnsupported() {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        EspRomLink link = link(clock, reply(0x08, 0x20120707, new byte[0], 0, 0),
                reply(0x14, 0, securityInfo(9), 0, 0));
        assertThatThrownBy(link::identify).isInstanceOfSatisfying(ProvisioningException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_UNSUPPORTED);
            assertThat(e.rawDetail()).isEqualTo("GET_SECURITY_INFO chip_id=9");
        });
    }

    @Test
    void aRomWithoutSecurityInfoIsRecognisedByItsMagicRegister() throws Exception {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        byte[][] replies = new byte[3 + 16][];
        replies[0] = reply(0x08, 0x20120707, new byte[0], 0, 0);
        replies[1] = reply(0x14, 0, new byte[0], 1, 0x05);
        replies[2] = reply(0x0A, 0x1B31_506FL, new byte[0], 0, 0);
        for (int i = 0; i < 16; i++) {
            replies[3 + i] = reply(0x0A, i == 12 ? 0x0403_0201 : 0, new byte[0], 0, 0);
        }
        DeviceInfo info = link(clock, replies).identify();
        assertThat(info.chipFamily()).isEqualTo("ESP32C3");
        assertThat(info.uid().hex()).isEqualTo("01020304000000000000000000000000");
    }

    @Test
    void aSilentPortIsNotRespondingAfterTheSyncAttempts() {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        assertThatThrownBy(link(clock)::identify).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_NOT_RESPONDING));
        assertThat(clock.millis()).isBetween(500L, 750L);
    }
}
