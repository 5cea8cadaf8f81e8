package dev.hallmark.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PtyTest {

    @Test
    void carriesBytesBothWaysRawAndSurvivesTheClientClosing() throws Exception {
        try (Pty pty = Pty.open()) {
            assertThat(pty.path()).startsWith("/dev/pts/");
            byte[] buffer = new byte[64];
            for (int session = 0; session < 2; session++) {
                try (PtyClient client = new PtyClient(pty.path())) {
                    client.send(0x7F, 0x0D, 0x0A, 0x03, 0x00);
                    assertThat(readAtLeast(pty, 5)).as("raw: no line editing, no signals")
                            .containsExactly(0x7F, 0x0D, 0x0A, 0x03, 0x00);
                    byte[] reply = {0x79, 0x0A, 0x0D};
                    assertThat(pty.write(reply, 0, 3, 100)).isEqualTo(3);
                    assertThat(client.receive(3)).as("no echo, no CR/LF mapping").containsExactly(reply);
                }
                assertThat(pty.read(buffer, 50)).as("no EIO after the client closed").isZero();
            }
        }
    }

    private static byte[] readAtLeast(Pty pty, int count) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[64];
        for (int tries = 0; got.size() < count && tries < 50; tries++) {
            int n = pty.read(buffer, 20);
            got.write(buffer, 0, Math.max(n, 0));
        }
        return got.toByteArray();
    }

    @Test
    void linksAStablePathAndRemovesItOnClose(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("fixture-1");
        Pty pty = Pty.open(link);
        assertThat(Files.readSymbolicLink(link).toString()).isEqualTo(pty.slavePath());
        assertThat(pty.path()).isEqualTo(link.toString());
        pty.close();
        assertThat(link).doesNotExist();
        assertThat(pty.read(new byte[1], 0)).isEqualTo(-1);
    }
}
