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
        byte[] version3 = validBlob(0);
        version3[4] = 3;
        assertThatThrownBy(() -> IdentityBlobReader.read(slot(version3), UID, KEK)).hasMessageContaining("version");
        byte[] overlong = validBlob(0);
        overlong[8] = 0x7F;
        assertThatThrownBy(() -> IdentityBlobReader.read(slot(overlong), UID, KEK)).hasMessageContaining("overrun");
    }

    /** A version-2 blob as docs/identity-blob.md lays it out, with the given extensions (tag, length, value). */
    private static byte[] version2(int format, byte[] wrapped, byte[] extensions) {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(10 + wrapped.length + certificate.length + 2
                + extensions.length + 4);
        out.put(new byte[] {'H', 'M', 'I', 'D', 2, (byte) format}).putShort((short) wrapped.length)
                .putShort((short) certificate.length).put(wrapped).put(certificate)
                .putShort((short) extensions.length).put(extensions);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(out.array(), 0, out.position());
        return out.putInt((int) crc.getValue()).array();
    }

    private static byte[] tlv(int tag, byte[] value) {
        return java.nio.ByteBuffer.allocate(3 + value.length).put((byte) tag).putShort((short) value.length).put(value)
                .array();
    }

    @Test
    void version2CarriesTheSecretVerifierAndSkipsUnknownExtensions() throws Exception {
        byte[] wrapped = TestIdentities.wrap(pair.getPrivate().getEncoded(), TransportKey.derive(KEK, UID), 0);
        byte[] verifier = "$pbkdf2-sha256$i=10000$c2FsdA$aGFzaA".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] unknown = tlv(0x7E, new byte[] {1, 2, 3});
        byte[] extensions = java.nio.ByteBuffer.allocate(unknown.length + 3 + verifier.length).put(unknown)
                .put(tlv(1, verifier)).array();

        InstalledIdentity withKey = IdentityBlobReader.read(slot(version2(1, wrapped, extensions)), UID, KEK)
                .orElseThrow();
        assertThat(withKey.privateKey().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        assertThat(withKey.verifier()).contains("$pbkdf2-sha256$i=10000$c2FsdA$aGFzaA");

        InstalledIdentity keyInToken = IdentityBlobReader.read(slot(version2(0, new byte[0], tlv(1, verifier))), UID,
                KEK).orElseThrow();
        assertThat(keyInToken.privateKey()).as("key format 0: the key stays in the device's token").isNull();
        assertThat(keyInToken.certificateDer()).isEqualTo(certificate);
        assertThat(keyInToken.verifier()).isPresent();

        byte[] truncated = version2(0, new byte[0], new byte[] {1, 0, 9, 'x'});
        assertThatThrownBy(() -> IdentityBlobReader.read(slot(truncated), UID, KEK)).hasMessageContaining("overruns");
        byte[] version1NoKey = validBlob(0);
        version1NoKey[5] = 0;
        assertThatThrownBy(() -> IdentityBlobReader.read(slot(version1NoKey), UID, KEK))
                .hasMessageContaining("key format");
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
