package dev.hallmark.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of a benchmark that measures in a child JVM on a temporary workspace (a picocli mixin), and the
 * plumbing between the two JVMs: the child's arguments, and the JSON array of the cases.
 */
final class ChildBenchOptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "Print a JSON array of the cases instead of key=value lines.")
    boolean json;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where to make the temporary directory (default /dev/shm, a tmpfs).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the temporary directory (logs, tokens, database) and print its path.")
    boolean keep;

    @Option(names = "--inside", hidden = true, description = "Run the measurement here: the child.")
    boolean inside;

    @Option(names = "--workspace", hidden = true, paramLabel = "DIR", description = "The child's workspace.")
    Path workspace;

    /** The child's arguments: the command's path, its settings, then where it works and how it prints. */
    List<String> childArgs(CommandLine.Model.CommandSpec spec, List<String> settings, Path dir) {
        List<String> args = new ArrayList<>(BenchCaCommand.commandPath(spec));
        args.addAll(settings);
        args.addAll(List.of("--inside", "--workspace", dir.toString()));
        if (json && !args.contains("--json")) {
            args.add("--json");
        }
        return args;
    }

    /** The child's workspace; a usage error if the parent did not name one. */
    Path requireWorkspace(CommandLine.Model.CommandSpec spec) {
        if (workspace == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--inside needs --workspace");
        }
        return workspace;
    }

    /** Prints the cases as one pretty JSON array. */
    static void printJson(PrintWriter out, List<Map<String, Object>> cases) throws ProvisioningException {
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cases));
        } catch (JsonProcessingException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the results could not be written as JSON",
                    e.getOriginalMessage(), e);
        }
        out.flush();
    }
}
