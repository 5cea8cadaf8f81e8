package dev.hallmark.ca.cmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CMP shared secret comes from an owner-only file and never shows in text. */
class SharedSecretTest {

    @TempDir
    Path dir;

    private Path file(String content, String permissions) throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private static void assertConfigInvalid(Path file, String part) {
        assertThatThrownBy(() -> SharedSecret.read(file)).isInstanceOfSatisfying(ProvisioningException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
            assertThat(e.getMessage()).contains(part);
        });
    }

    @Test
    void readsAnOwnerOnlyFileWithoutTheTrailingLineBreak() throws Exception {
        assertThat(SharedSecret.read(file("pass word\r\n", "rw-------")).chars()).containsExactly("pass word".toCharArray());
        assertThat(SharedSecret.read(file("päss", "r--------")).chars()).containsExactly("päss".toCharArray());
    }

    @Test
    void refusesAFileOthersMayRead() throws Exception {
        assertConfigInvalid(file("top-secret", "rw-r--r--"), "chmod 600");
        assertConfigInvalid(file("top-secret", "rw--w----"), "chmod 600");
    }

    @Test
    void refusesMissingAndEmptyFiles() throws Exception {
        assertConfigInvalid(dir.resolve("absent"), "cannot be read");
        assertConfigInvalid(file("\n", "rw-------"), "empty");
    }

    @Test
    void neverShowsTheSecret() throws Exception {
        SharedSecret secret = SharedSecret.read(file("top-secret", "rw-------"));
        assertThat(secret.toString()).doesNotContain("top-secret");
        assertThatThrownBy(() -> SharedSecret.read(file("top-secret", "rw-rw-rw-")))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.oneLine()).doesNotContain("top-secret"));
    }
}
