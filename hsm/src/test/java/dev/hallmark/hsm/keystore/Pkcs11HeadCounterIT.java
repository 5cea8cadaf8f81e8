package dev.hallmark.hsm.keystore;

import static dev.hallmark.hsm.keystore.ItSupport.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_DATA;

import dev.hallmark.engine.port.ChainHeadWitness;
import dev.hallmark.engine.port.ChainHeadWitness.Head;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.AttributeVector;

/**
 * The audit head counter as a data object in a real SoftHSM2 token (decision 0018): it moves forward only, keeps one
 * object per station, and a station reopened reads what the last one counted.
 */
class Pkcs11HeadCounterIT {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    @Test
    void theCounterMovesForwardOnlyAndSurvivesTheSession() throws Exception {
        try (Pkcs11Station station = open("it-head-counter")) {
            ChainHeadWitness counter = station.headCounter();
            assertThat(counter.read("ST-01")).isEmpty();
            counter.advance(new Head("ST-01", 5, A));
            counter.advance(new Head("ST-01", 9, B));
            counter.advance(new Head("ST-01", 7, C));
            counter.advance(new Head("ST-02", 3, C));
            assertThat(counter.read("ST-01")).contains(new Head("ST-01", 9, B));
            assertThat(counter.read("ST-02")).contains(new Head("ST-02", 3, C));
            long[] objects = station.sessions().call("count the counters", s -> s.findObjectsSingle(
                    new AttributeVector().class_(CKO_DATA).label(Pkcs11HeadCounter.LABEL_PREFIX + "ST-01"), 8));
            assertThat(objects).as("one counter object per station").hasSize(1);
        }
        try (Pkcs11Station again = open("it-head-counter")) {
            assertThat(again.headCounter().read("ST-01")).contains(new Head("ST-01", 9, B));
        }
    }
}
