package io.rollcoach.gateway.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The gateway's logging, set up in code: parsing {@code logback.xml} took logback's XML machinery 0.3–1 s of a
 * start that should take under one. The same settings stay in {@code logback.xml}, which the embedded broker
 * loads when it starts (HiveMQ replaces the configuration with a file of its own), and a test keeps the two equal.
 * A file named by {@code -Dlogback.configurationFile}, or a {@code logback-test.xml}, still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0}: %msg%n";
    /** Libraries that are loud below WARN. */
    static final String[] QUIET = {"com.hivemq", "migrations", "jetbrains.exodus", "io.netty", "org.eclipse.paho"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
            || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err"); // one line per message; systemd's journal adds the time and the unit
        stderr.setEncoder(encoder);
        stderr.start();
        for (String name : QUIET) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        // Pi4J's own lines (stack traces for a native library that does not load, "include this provider JAR") say
        // less than the gateway's message does; ROLLCOACH_PI4J_LOG_LEVEL=DEBUG shows them again.
        context.getLogger("com.pi4j").setLevel(Level.toLevel(System.getenv("ROLLCOACH_PI4J_LOG_LEVEL"), Level.OFF));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("ROLLCOACH_LOG_LEVEL"), Level.INFO));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
