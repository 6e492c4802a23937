package io.rollcoach.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
