package dev.hallmark.ca.cfssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HMAC key file: owner-only rights, hex as in cfssl's config, never shown. */
class HmacKeyTest {

    static final String HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    Path keyFile(String content, String rights) throws IOException {
        Path file = dir.resolve("cfssl.key");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(rights));
        return file;
    }

    @Test
    void anOwnerOnlyHexFileIsReadAndItsTrailingNewlineIgnored() throws Exception {
        HmacKey key = HmacKey.read(keyFile(HEX + "\n", "rw-------"));

        assertThat(key.sign(new byte[0])).isEqualTo(HmacKey.of(HexFormat.of().parseHex(HEX)).sign(new byte[0]));
        assertThat(HmacKey.read(keyFile(HEX, "r--------")).sign(new byte[] {1})).hasSize(32);
    }

    @Test
    void aFileGroupOrOthersMayReadIsRefusedInOneLine() throws IOException {
        for (String rights : new String[] {"rw-r-----", "rw----r--", "rw-----w-"}) {
            ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                    () -> HmacKey.read(keyFile(HEX, rights)));

            assertThat(e.code()).as(rights).isEqualTo(ErrorCode.CONFIG_INVALID);
            assertThat(e.oneLine()).as(rights).doesNotContain("\n").doesNotContain(HEX).contains("chmod 600");
        }
    }

    @Test
    void aKeyThatIsNotHexOrTooShortIsRefusedWithoutEchoingIt() throws IOException {
        ProvisioningException notHex = catchThrowableOfType(ProvisioningException.class,
                () -> HmacKey.read(keyFile("secret-passphrase", "rw-------")));
        ProvisioningException tooShort = catchThrowableOfType(ProvisioningException.class,
                () -> HmacKey.read(keyFile("00112233", "rw-------")));

        assertThat(notHex.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
        assertThat(notHex.oneLine()).doesNotContain("secret-passphrase");
        assertThat(tooShort.getMessage()).contains("shorter than 16 bytes").doesNotContain("00112233");
    }

    @Test
    void aMissingFileIsAConfigurationError() {
        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> HmacKey.read(dir.resolve("absent.key")));

        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
        assertThat(e.getMessage()).endsWith("does not exist");
    }

    @Test
    void theKeyNeverShowsInItsStringForm() {
        assertThat(HmacKey.of(HexFormat.of().parseHex(HEX))).hasToString("HmacKey[redacted]");
    }
}
