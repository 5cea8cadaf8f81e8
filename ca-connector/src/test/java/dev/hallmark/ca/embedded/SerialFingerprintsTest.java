package dev.hallmark.ca.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SerialFingerprintsTest {

    @Test
    void everySerialAddedIsFoundAfterTheTableHasGrownManyTimes() {
        SerialFingerprints fingerprints = new SerialFingerprints();
        Random random = new Random(7);
        List<BigInteger> added = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            BigInteger serial = new BigInteger(128, random).add(BigInteger.ONE);
            assertThat(fingerprints.add(serial)).isTrue();
            added.add(serial);
        }

        assertThat(added).allMatch(fingerprints::mightContain);
        assertThat(fingerprints.size()).isEqualTo(20_000);
        long strangers = random.ints(2_000).mapToObj(i -> new BigInteger(128, random).add(BigInteger.ONE))
                .filter(fingerprints::mightContain).count();
        assertThat(strangers).isZero();
    }

    @Test
    void aSerialAddedTwiceIsReportedAndCountedOnce() {
        SerialFingerprints fingerprints = new SerialFingerprints();
        BigInteger serial = new BigInteger("112233445566778899aabbccddeeff00", 16);

        assertThat(fingerprints.add(serial)).isTrue();
        assertThat(fingerprints.add(serial)).isFalse();
        assertThat(fingerprints.size()).isEqualTo(1);
    }

    @Test
    void serialsWhoseLow64BitsAreZeroOrOneAreStillKept() {
        SerialFingerprints fingerprints = new SerialFingerprints();
        BigInteger lowZero = BigInteger.ONE.shiftLeft(64);

        fingerprints.add(lowZero);

        assertThat(fingerprints.mightContain(lowZero)).isTrue();
        assertThat(fingerprints.mightContain(BigInteger.ONE)).as("shares the stored fingerprint 1").isTrue();
        assertThat(fingerprints.mightContain(BigInteger.TWO)).isFalse();
    }
}
