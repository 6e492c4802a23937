package io.rollcoach.gateway.app;

import java.util.List;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rollcoach}: the gateway and its tools, one subcommand each. */
@Command(name = "rollcoach", mixinStandardHelpOptions = true, version = "rollcoach 0.1.0",
    description = "Coaches calf rolling on a sensor-equipped foam roller: reads the roller, judges the rolling "
        + "against the self-treatment guide, and publishes live feedback over MQTT and a display.",
    subcommands = {
        CommandLine.HelpCommand.class,
        RunCommand.class,
        DemoCommand.class,
        AnalyzeCommand.class,
        ReplayCommand.class,
        StatusCommand.class,
        PortsCommand.class,
        RecordCommand.class,
        CalibrateCommand.class,
        HistoryCommand.class,
    })
public final class RollCoachMain implements Runnable {
    private static final Set<String> STARTS_A_GATEWAY = Set.of("run", "demo", "replay");

    public static void main(String[] args) {
        String[] command = withDefaultCommand(args);
        if (command.length == 0 || STARTS_A_GATEWAY.contains(command[0])) {
            EarlyLoading.start(command.length == 0 || "run".equals(command[0]));
        }
        int exit;
        try {
            CommandLine alone = gatewayCommandLine(command);
            exit = alone != null ? alone.execute(tail(command)) : commandLine().execute(command);
        } catch (Throwable e) { // an Error from a command (a native library that does not load): exit, never linger
            System.err.println("rollcoach: " + e);
            exit = 1;
        }
        System.exit(exit);
    }

    /**
     * {@code rollcoach --serial X} is {@code rollcoach run --serial X}, as the bare {@code rollcoach} is {@code run}.
     */
    static String[] withDefaultCommand(String[] args) {
        if (args.length == 0 || !args[0].startsWith("-") || List.of("-h", "--help", "-V", "--version")
            .contains(args[0])) {
            return args;
        }
        String[] run = new String[args.length + 1];
        run[0] = "run";
        System.arraycopy(args, 0, run, 1, args.length);
        return run;
    }

    /**
     * For the commands that start a gateway, a command line of that subcommand alone, named {@code rollcoach <name>}
     * (bare {@code rollcoach} is {@code run}): picocli's model of all ten subcommands took a sixth of a second of the
     * start. Null for any other command, help and mistakes included: they get the whole command line and its lists.
     * Run it with the arguments after the subcommand's name.
     */
    static CommandLine gatewayCommandLine(String[] command) {
        if (command.length == 0) {
            return configured(new CommandLine(new RunCommand())).setCommandName("rollcoach");
        }
        Object alone = switch (command[0]) {
            case "run" -> new RunCommand();
            case "demo" -> new DemoCommand();
            case "replay" -> new ReplayCommand();
            default -> null;
        };
        return alone == null ? null : configured(new CommandLine(alone)).setCommandName("rollcoach " + command[0]);
    }

    private static String[] tail(String[] args) {
        if (args.length == 0) {
            return args;
        }
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        return rest;
    }

    private static CommandLine configured(CommandLine commandLine) {
        return commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** The command line with every subcommand; tests run it in-process. */
    public static CommandLine commandLine() {
        return configured(new CommandLine(new RollCoachMain()));
    }

    /** With no subcommand, {@code rollcoach} is {@code rollcoach run}: the service. */
    @Override
    public void run() {
        int exit = new CommandLine(new RunCommand()).execute();
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
