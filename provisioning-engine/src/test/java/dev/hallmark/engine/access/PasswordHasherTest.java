package dev.hallmark.engine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = PasswordHasher.forTests(new SecureRandom());

    @Test
    void argon2idVerifiesOnlyTheRightPasswordAndRecordsItsParameters() {
        PasswordHash stored = PasswordHash.parse(hasher.hash("correct horse battery".toCharArray()).encode());
        assertThat(stored.algorithm()).isEqualTo("argon2id");
        assertThat(stored.parameters()).isEqualTo("v=19,m=64,t=1,p=1");
        assertThat(stored.salt()).hasSize(16);
        assertThat(PasswordHasher.verify("correct horse battery".toCharArray(), stored)).isTrue();
        assertThat(PasswordHasher.verify("correct horse batterY".toCharArray(), stored)).isFalse();
    }

    @Test
    void everyHashHasItsOwnSalt() {
        PasswordHash a = hasher.hash("same password".toCharArray());
        PasswordHash b = hasher.hash("same password".toCharArray());
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.hash()).isNotEqualTo(b.hash());
    }

    @Test
    void pbkdf2HashesVerifyWithTheirRecordedIterations() {
        PasswordHash stored = hasher.pbkdf2("a station password".toCharArray(), 1000);
        assertThat(stored.encode()).startsWith("$pbkdf2-sha256$i=1000$");
        assertThat(PasswordHasher.verify("a station password".toCharArray(), PasswordHash.parse(stored.encode()))).isTrue();
        assertThat(PasswordHasher.verify("a station passwort".toCharArray(), stored)).isFalse();
    }

    @Test
    void pbkdf2MatchesRfc7914TestVector() {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, dkLen=64 (first 32 bytes here)
        PasswordHash vector = new PasswordHash("pbkdf2-sha256", "i=1", "salt".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                HexFormat.of().parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"));
        assertThat(PasswordHasher.verify("passwd".toCharArray(), vector)).isTrue();
        assertThat(PasswordHasher.verify("passwe".toCharArray(), vector)).isFalse();
    }

    @Test
    void aStringThatIsNoHashIsRefused() {
        assertThatThrownBy(() -> PasswordHash.parse("plain-text-password")).isInstanceOf(IllegalArgumentException.class);
    }
}
