package dev.hallmark.app.cli;

/**
 * A subcommand another module adds to {@code hallmark} when it is on the classpath, found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.hallmark.app.cli.CommandExtension}). The benchmarks
 * (module bench, {@code hallmark bench …}) are one: the product's command line does not know them.
 */
public interface CommandExtension {

    /** The picocli command object ({@code @Command}-annotated) to add under its own name. */
    Object command();
}
