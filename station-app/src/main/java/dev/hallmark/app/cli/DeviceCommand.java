package dev.hallmark.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hallmark device}: look at one device on a fixture without provisioning it. */
@Command(name = "device", mixinStandardHelpOptions = true, subcommands = {DevicePlanCommand.class},
        description = "Look at the device on one fixture without provisioning it.")
final class DeviceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a device command, e.g. 'hallmark device plan --port /dev/ttyUSB0 --level readout'");
    }
}
