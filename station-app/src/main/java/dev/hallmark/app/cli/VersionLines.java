package dev.hallmark.app.cli;

import dev.hallmark.engine.api.SoftwareBuild;
import picocli.CommandLine.IVersionProvider;

/** What {@code hallmark --version} prints: the software version and build id every unit record carries. */
public final class VersionLines implements IVersionProvider {

    @Override
    public String[] getVersion() {
        SoftwareBuild build = SoftwareBuild.current();
        return new String[] {
            "hallmark " + build.version(),
            "build " + build.buildId(),
            "java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
        };
    }
}
