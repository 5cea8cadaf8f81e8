package dev.hallmark.bench;

import dev.hallmark.app.cli.CommandExtension;

/** Adds {@code hallmark bench} to the command line when the bench module is on the classpath (ServiceLoader). */
public final class BenchExtension implements CommandExtension {

    @Override
    public Object command() {
        return new BenchCommand();
    }
}
