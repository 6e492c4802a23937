package io.rollcoach.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

class LogConfiguratorTest {
    @Test
    void theCodeAndTheFileTheBrokerLoadsGiveTheSameLogging() throws Exception {
        LoggerContext inCode = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(inCode);
        configurator.configure(inCode);

        LoggerContext fromFile = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(fromFile);
        joran.doConfigure(LogConfigurator.class.getResource("/logback.xml"));

        for (String name : List.of("ROOT", "com.hivemq", "migrations", "jetbrains.exodus", "io.netty",
            "org.eclipse.paho", "com.pi4j", "io.rollcoach.gateway")) {
            assertEquals(fromFile.getLogger(name).getEffectiveLevel(), inCode.getLogger(name).getEffectiveLevel(),
                name);
        }
        assertEquals(pattern(fromFile), pattern(inCode));
        assertEquals(LogConfigurator.PATTERN, pattern(inCode));
    }

    private static String pattern(LoggerContext context) {
        var appender = (ConsoleAppender<ILoggingEvent>) context.getLogger("ROOT").getAppender("STDERR");
        assertNotNull(appender, "an appender named STDERR on the root logger");
        assertEquals("System.err", appender.getTarget());
        return ((PatternLayoutEncoder) appender.getEncoder()).getPattern();
    }
}
