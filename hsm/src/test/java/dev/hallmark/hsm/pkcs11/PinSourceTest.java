package dev.hallmark.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinSourceTest {

    @TempDir
    Path dir;

    private Path pinFile(String content, String permissions) throws Exception {
        Path file = dir.resolve("pin-" + permissions);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void fileSourceReadsTheOwnerOnlyFileAndDropsOneLineBreak() throws Exception {
        assertThat(PinSource.file(pinFile("4711-pin\n", "rw-------")).pin()).containsExactly("4711-pin".toCharArray());
        assertThat(PinSource.file(pinFile("pässwörd\r\n", "r--------")).pin()).containsExactly("pässwörd".toCharArray());
        PinSource source = PinSource.file(dir.resolve("pin-rw-------"));
        assertThat(source.describe()).contains(dir.toString()).doesNotContain("4711");
    }

    @Test
    void fileSourceRefusesAFileOthersCanReadAnEmptyOneAndAMissingOne() throws Exception {
        Path readable = pinFile("4711-pin", "rw-r--r--");
        assertThatThrownBy(() -> PinSource.file(readable).pin()).isInstanceOfSatisfying(ProvisioningException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains("chmod 600").doesNotContain("4711");
                });
        Path empty = pinFile("\n", "rw-------");
        assertThatThrownBy(() -> PinSource.file(empty).pin()).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.getMessage()).contains("is empty"));
        assertThatThrownBy(() -> PinSource.file(dir.resolve("none")).pin())
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }

    @Test
    void memorySourceHandsOutCopiesUntilWiped() throws Exception {
        char[] typed = "1234-user".toCharArray();
        PinSource source = PinSource.memory(typed);
        java.util.Arrays.fill(typed, '\0');
        char[] first = source.pin();
        assertThat(first).containsExactly("1234-user".toCharArray());
        java.util.Arrays.fill(first, '\0');
        assertThat(source.pin()).containsExactly("1234-user".toCharArray());
        source.wipe();
        assertThatThrownBy(source::pin).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.getMessage()).contains("already wiped"));
        assertThatThrownBy(() -> PinSource.memory(new char[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void environmentSourceNamesTheMissingVariable() {
        PinSource source = PinSource.environment("HALLMARK_TEST_PIN_THAT_IS_NOT_SET");
        assertThatThrownBy(source::pin).isInstanceOfSatisfying(ProvisioningException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
            assertThat(e.getMessage()).contains("HALLMARK_TEST_PIN_THAT_IS_NOT_SET");
        });
        assertThat(source.describe()).isEqualTo("the environment variable HALLMARK_TEST_PIN_THAT_IS_NOT_SET");
    }
}
