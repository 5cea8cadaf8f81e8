package dev.hallmark.ca.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CertificateSigningTest {

    /** Yields all-zero bytes first, then all-ones: the worst cases for a serial number. */
    private static final class ZeroThenOnesRandom extends SecureRandom {
        private int calls;

        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, calls++ == 0 ? (byte) 0x00 : (byte) 0xFF);
        }
    }

    @Test
    void aZeroDrawIsDrawnAgainAndAHighBitStillGivesAPositiveSerialOfAtMostTwentyBytes() {
        CertificateSigning signing = new CertificateSigning(new SoftwareKeyStore(new SecureRandom()),
                new ZeroThenOnesRandom());

        BigInteger serial = signing.newSerial();

        assertThat(serial).isEqualTo(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
        assertThat(serial.signum()).isEqualTo(1);
        assertThat(serial.toByteArray()).hasSizeLessThanOrEqualTo(20);
    }
}
