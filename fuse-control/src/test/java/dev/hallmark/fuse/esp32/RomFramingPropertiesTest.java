package dev.hallmark.fuse.esp32;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Any bytes from the wire end as a reply or a typed error, never an escaping exception or a wait past the timeout. */
class RomFramingPropertiesTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @Property
    void theDecoderTakesAnyBytes(@ForAll @Size(max = 600) byte[] noise) {
        SlipFrames.Decoder decoder = new SlipFrames.Decoder(64);
        for (byte b : noise) {
            SlipFrames.Event event = decoder.feed(b & 0xFF);
            if (event instanceof SlipFrames.Packet packet) {
                assertThat(packet.bytes()).isNotEmpty().hasSizeLessThanOrEqualTo(64);
            }
        }
    }

    @Property
    void everyPacketSurvivesFramingAndNoise(@ForAll @Size(min = 1, max = 300) byte[] packet,
                                            @ForAll @Size(max = 40) byte[] noise) {
        SlipFrames.Decoder decoder = new SlipFrames.Decoder(1024);
        for (byte b : noise) {
            decoder.feed(b & 0xFF);
        }
        SlipFrames.Event last = null;
        for (byte b : SlipFrames.encode(packet)) {
            SlipFrames.Event event = decoder.feed(b & 0xFF);
            if (event instanceof SlipFrames.Packet) {
                last = event;
            }
        }
        assertThat(last).isInstanceOfSatisfying(SlipFrames.Packet.class, p -> assertThat(p.bytes()).isEqualTo(packet));
    }

    @Property
    void replyParsingIsTotal(@ForAll @Size(max = 80) byte[] packet) {
        try {
            RomReply reply = RomReply.parse(packet);
            assertThat(reply.data().length + RomReply.HEADER + RomReply.STATUS_BYTES).isEqualTo(packet.length);
        } catch (RomReply.MalformedReplyException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void theClientEndsWithAReplyOrATypedErrorWithinItsTimeout(@ForAll @Size(max = 400) byte[] wire,
                                                              @ForAll @IntRange(min = 1, max = 64) int chunk) {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        RomClient client = new RomClient(new ScriptedWire(clock, wire, chunk), clock);
        try {
            RomReply reply = client.awaitReply("READ_REG", RomCommands.READ_REG, TIMEOUT);
            assertThat(reply.command()).isEqualTo(RomCommands.READ_REG);
        } catch (ProvisioningException e) {
            assertThat(e.code()).isIn(ErrorCode.DEVICE_NOT_RESPONDING, ErrorCode.DEVICE_PROTOCOL_ERROR);
        }
        assertThat(clock.millis()).isLessThanOrEqualTo(TIMEOUT.toMillis() + 50);
    }

    @Property(tries = 200)
    void aValidReplyHiddenInNoiseIsFound(@ForAll @Size(max = 100) byte[] noise, @ForAll int value) {
        byte[] reply = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put((byte) 1).put((byte) RomCommands.READ_REG).putShort((short) 4).putInt(value).putInt(0).array();
        byte[] framed = SlipFrames.encode(reply);
        byte[] script = new byte[noise.length + 1 + framed.length];
        System.arraycopy(noise, 0, script, 0, noise.length);
        script[noise.length] = (byte) SlipFrames.END;
        System.arraycopy(framed, 0, script, noise.length + 1, framed.length);
        MutableClock clock = new MutableClock(Instant.EPOCH);
        RomClient client = new RomClient(new ScriptedWire(clock, script, 7), clock);
        try {
            assertThat(client.awaitReply("READ_REG", RomCommands.READ_REG, TIMEOUT).value())
                    .isEqualTo(value & 0xFFFFFFFFL);
        } catch (ProvisioningException e) {
            throw new AssertionError("the reply after the noise was not found: " + e.oneLine(), e);
        }
    }
}
