package dev.hallmark.sim.esp32;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Any bytes the host sends give a valid request, a typed rejection or silence; nothing escapes the loader. */
class SlipPropertiesTest {

    @Property
    void framingRoundTrips(@ForAll @Size(min = 1, max = 500) byte[] packet) {
        SlipDecoder decoder = new SlipDecoder(1024);
        SlipDecoder.Result last = null;
        for (byte b : Slip.encode(packet)) {
            last = decoder.accept(b & 0xFF);
        }
        assertThat(last).isInstanceOfSatisfying(SlipDecoder.Packet.class, p -> assertThat(p.bytes()).isEqualTo(packet));
    }

    @Property
    void requestParsingIsTotal(@ForAll @Size(max = 64) byte[] packet) {
        try {
            RomRequest request = RomRequest.parse(packet);
            assertThat(request.data().length + RomRequest.HEADER).isEqualTo(packet.length);
        } catch (RomRequest.MalformedRequestException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 500)
    void theLoaderSurvivesAnyInputAndAnswersOnlyWithFrames(@ForAll @Size(max = 300) byte[] noise) throws IOException {
        byte[] mac = {0x34, (byte) 0x85, 0x18, 0, 0, 1};
        ScriptedRomPort port = new ScriptedRomPort(noise);
        try {
            new RomLoader(new Esp32c3Chip(mac, new byte[16]), port, EspTiming.NONE).serve();
        } catch (RomPort.PortClosedException endOfInput) {
            // every byte was consumed
        }
        byte[] out = port.output();
        if (out.length > 0) {
            assertThat(out[0] & 0xFF).isEqualTo(Slip.END);
            assertThat(out[out.length - 1] & 0xFF).isEqualTo(Slip.END);
        }
    }
}
