package dev.hallmark.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdentityBlobReaderTest {

    private static final byte[] UID = HexFormat.of().parseHex("0102030405060708090a0b0c");
    private static final byte[] KEK = HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static KeyPair pair;
    private static byte[] certificate;

    @BeforeAll
    static void keys() throws Exception {
        pair = TestIdentities.p256();
        certificate = TestIdentities.selfSignedCertificate(pair);
    }

    private static byte[] slot(byte[] blob) {
        byte[] slot = new byte[2048];
        Arrays.fill(slot, (byte) 0xFF);
        System.arraycopy(blob, 0, slot, 0, blob.length);
        return slot;
    }

    private static byte[] validBlob(int zeroTail) {
        byte[] wrapped = TestIdentities.wrap(pair.getPrivate().getEncoded(), TransportKey.derive(KEK, UID), zeroTail);
        return TestIdentities.blob(wrapped, certificate);
    }

    @Test
    void recoversKeyAndCertificateAlsoWithZeroBytesAfterThePkcs8() throws Exception {
        for (int zeroTail : new int[] {0, 7}) {
            Optional<InstalledIdentity> identity = IdentityBlobReader.read(slot(validBlob(zeroTail)), UID, KEK);
            assertThat(identity).isPresent();
            assertThat(identity.get().privateKey().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
            assertThat(identity.get().privateKey().getAlgorithm()).isEqualTo("EC");
            assertThat(identity.get().certificateDer()).isEqualTo(certificate);
        }
    }

    @Test
    void anErasedSlotHoldsNoIdentity() throws Exception {
        assertThat(IdentityBlobReader.read(slot(new byte[0]), UID, KEK)).isEmpty();
    }

    @Test
    void rejectsACorruptedByteThroughTheCrc() {
        byte[] blob = validBlob(0);
        blob[20] ^= 0x01;
        assertThatThrownBy(() -> IdentityBlobReader.read(slot(blob), UID, KEK)).hasMessageContaining("CRC");
    }

    @Test
    void rejectsAKeyWrappedForAnotherDevice() {
        byte[] otherUid = UID.clone();
        otherUid[11] ^= 1;
        assertThatThrownBy(() -> IdentityBlobReader.read(slot(validBlob(0)), otherUid, KEK))
                .hasMessageContaining("unwrap");
    }

    @Test
    void rejectsUnknownVersionAndOverlongLengths() {
        byte[] version2 = validBlob(0);
        version2[4] = 2;
        assertThatThrownBy(() -> IdentityBlobReader.read(slot(version2), UID, KEK)).hasMessageContaining("version");
        byte[] overlong = validBlob(0);
        overlong[8] = 0x7F;
        assertThatThrownBy(() -> IdentityBlobReader.read(slot(overlong), UID, KEK)).hasMessageContaining("overrun");
    }

    @Test
    void measuresDerLengthsInShortAndLongForm() throws Exception {
        assertThat(IdentityBlobReader.derLength(new byte[] {0x30, 0x03, 1, 2, 3, 0, 0})).isEqualTo(5);
        byte[] longForm = new byte[0x90];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        longForm[2] = (byte) 0x8A;
        assertThat(IdentityBlobReader.derLength(longForm)).isEqualTo(0x8D);
    }
}
