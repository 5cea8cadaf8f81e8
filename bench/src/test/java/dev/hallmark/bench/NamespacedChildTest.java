package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespacedChildTest {

    @Test
    void theChildRunsInAFreshNetworkNamespaceWithLoopbackUpAndItsArgumentsUnquoted() {
        List<String> command = NamespacedChild.command(Path.of("/usr/sbin/ip"), Path.of("/jdk/bin/java"),
                List.of("-Dx=a b"), "a.jar:lib/*", "dev.hallmark.app.HallmarkMain",
                List.of("bench", "ca", "--inside", "--workspace", "/dev/shm/it's"));

        assertThat(command).containsExactly("unshare", "-n", "bash", "-c",
                "'/usr/sbin/ip' link set lo up && exec \"$0\" \"$@\"", "/jdk/bin/java", "-Dx=a b", "-cp", "a.jar:lib/*",
                "dev.hallmark.app.HallmarkMain", "bench", "ca", "--inside", "--workspace", "/dev/shm/it's");
    }
}
