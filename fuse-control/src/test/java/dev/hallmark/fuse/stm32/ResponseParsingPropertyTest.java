package dev.hallmark.fuse.stm32;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.ProvisioningException;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The link's response parsing under arbitrary device answers: every exchange ends with a value or a
 * {@link ProvisioningException} carrying an error code (never another exception), and the time it would have
 * waited is bounded by its timeouts and tries.
 */
class ResponseParsingPropertyTest {

    private static final Stm32LinkOptions OPTIONS = Stm32LinkOptions.defaults();
    /** The longest any one exchange may wait, with every try and re-sync: a generous, fixed bound. */
    private static final Duration BOUND = Duration.ofMinutes(2);

    /** One exchange of the link, by name. */
    enum Exchange { SYNC, GET, GET_VERSION, GET_ID, READ, WRITE, ERASE, READOUT_PROTECT, SESSION_READ, RECOVER }

    @Provide
    Arbitrary<byte[]> answers() {
        Arbitrary<Byte> biased = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.bytes()),
                Tuple.of(2, Arbitraries.of((byte) 0x79, (byte) 0x1F)));
        return biased.array(byte[].class).ofMaxSize(400);
    }

    @Property(tries = 400)
    void everyAnswerEndsInAValueOrACodedError(@ForAll("answers") byte[] answers, @ForAll Exchange exchange) {
        ScriptedWire wire = new ScriptedWire(answers);
        Stm32Session session = new Stm32Session(wire, OPTIONS);
        Stm32Commands commands = session.commands();
        try {
            Object result = switch (exchange) {
                case SYNC -> commands.sync();
                case GET -> commands.get();
                case GET_VERSION -> commands.getVersion();
                case GET_ID -> commands.getId();
                case READ -> commands.readMemory(0x0800_0000L, 16);
                case WRITE -> {
                    commands.writeMemory(0x0800_0000L, new byte[8]);
                    yield "written";
                }
                case ERASE -> {
                    commands.erase(new Stm32Commands.BootloaderInfo(0x31, new byte[] {0x44}), 11);
                    yield "erased";
                }
                case READOUT_PROTECT -> commands.readoutProtect();
                case SESSION_READ -> session.read(0x0800_0000L, 4);
                case RECOVER -> session.recover();
            };
            assertThat(result).isNotNull();
        } catch (ProvisioningException e) {
            assertThat(e.code()).isNotNull();
            assertThat(e.getMessage()).contains(wire.path());
        }
        assertThat(wire.waited()).isLessThanOrEqualTo(BOUND);
    }

    @Property(tries = 200)
    void getIdAcceptsOnlyAWellFormedAnswer(@ForAll("answers") byte[] answers) {
        ScriptedWire wire = new ScriptedWire(answers);
        try {
            int productId = new Stm32Commands(wire, OPTIONS).getId();
            List<Byte> consumed = wire.consumed();
            assertThat(consumed.get(0)).isEqualTo((byte) 0x79);
            assertThat(consumed.get(consumed.size() - 1)).isEqualTo((byte) 0x79);
            assertThat(productId).isBetween(0, 0xFFFF);
        } catch (ProvisioningException e) {
            assertThat(e.code()).isNotNull();
        }
    }
}
