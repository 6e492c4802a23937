package io.rollcoach.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line as {@code rollcoach.jar --help} shows it. */
class RollCoachMainTest {
    @TempDir
    Path dir;

    @Test
    void theHelpListsTheSubcommands() {
        String usage = RollCoachMain.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(usage.contains("ports "), usage);
        assertTrue(usage.contains("record "), usage);
        assertTrue(usage.contains("help "), usage);
    }

    @Test
    void everyOptionOfEverySubcommandHasADescription() {
        RollCoachMain.commandLine().getSubcommands().forEach((name, sub) -> {
            for (OptionSpec option : sub.getCommandSpec().options()) {
                assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
                    name + " " + option.longestName() + " needs a description");
            }
        });
    }

    @Test
    void recordOnAMissingPortExits2NamingItAndLeavesNoCapture() {
        Path out = dir.resolve("never.rcap");
        StringWriter err = new StringWriter();
        CommandLine cli = RollCoachMain.commandLine();
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("record", "--port", "/tmp/rc-missing-port-0815", "--out", out.toString());
        assertEquals(2, exit);
        assertTrue(err.toString().contains("/tmp/rc-missing-port-0815"), err.toString());
        assertFalse(Files.exists(out), "no empty capture left behind");
    }

    @Test
    void recordWithoutPortExits2NamingTheMissingOption() {
        CommandLine cli = RollCoachMain.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("record", "--out", dir.resolve("x.rcap").toString()));
        assertTrue(err.toString().contains("--port"), err.toString());
    }

    @Test
    void aGatewayCommandIsBuiltAloneUnderItsFullNameAndSaysSoInItsUsageAndErrors() {
        CommandLine demo = RollCoachMain.gatewayCommandLine(new String[] {"demo", "--speed", "2"});
        assertTrue(demo.getUsageMessage(CommandLine.Help.Ansi.OFF).startsWith("Usage: rollcoach demo "),
            demo.getUsageMessage(CommandLine.Help.Ansi.OFF));
        assertTrue(demo.getSubcommands().isEmpty(), "only the one subcommand is built");
        StringWriter err = new StringWriter();
        demo.setErr(new PrintWriter(err));
        assertEquals(2, demo.execute("--no-such-option"));
        assertTrue(err.toString().contains("--no-such-option") && err.toString().contains("rollcoach demo"),
            err.toString());
    }

    @Test
    void bareRollcoachIsRunAndEveryOtherCommandGetsTheWholeCommandLine() {
        CommandLine bare = RollCoachMain.gatewayCommandLine(new String[0]);
        assertTrue(bare.getCommandSpec().userObject() instanceof RunCommand);
        assertEquals("rollcoach run", RollCoachMain.gatewayCommandLine(new String[] {"run"}).getCommandName());
        assertEquals("rollcoach replay", RollCoachMain.gatewayCommandLine(new String[] {"replay"}).getCommandName());
        for (String other : new String[] {"status", "analyze", "help", "--help", "-V", "rnu"}) {
            assertNull(RollCoachMain.gatewayCommandLine(new String[] {other}), other);
        }
    }
}
