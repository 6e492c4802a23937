package io.rollcoach.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

class ExportSqliteLibraryTest {
    @TempDir
    Path dir;

    @Test
    void theExportedLibraryIsWhatSqliteJdbcLoadsWhenPointedAtIt() throws Exception {
        Path library = ExportSqliteLibrary.export(dir, "libsqlitejdbc-test.so");

        assertTrue(Files.size(library) > 100_000, "a whole native library: " + Files.size(library));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(library), files.toList(), "no partial file left beside it");
        }
        // a JVM of its own, as the launcher starts it: sqlite-jdbc must load this file and open a database with it
        Path db = dir.resolve("check.db");
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dorg.sqlite.lib.path=" + dir, "-Dorg.sqlite.lib.name=libsqlitejdbc-test.so", "-Djava.io.tmpdir=" + dir,
            "-cp", System.getProperty("java.class.path"), OpensADatabase.class.getName(), db.toString())
            .redirectErrorStream(true).start();
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));
        String output = new String(java.getInputStream().readAllBytes());
        assertEquals(0, java.exitValue(), output);
        assertTrue(output.contains("loaded " + library), output);
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("sqlite-")),
                "nothing copied out of the jar into the temporary folder");
        }
    }

    @Test
    void aMissingFolderIsAClearErrorNotAHalfWrittenFile() {
        IOException e = assertThrows(IOException.class,
            () -> ExportSqliteLibrary.export(dir.resolve("absent"), "libsqlitejdbc-test.so"));
        assertTrue(e.toString().contains("absent"), e.toString());
    }

    /** Opens a database in a fresh JVM and says which native library sqlite-jdbc loaded. */
    public static final class OpensADatabase {
        public static void main(String[] args) throws Exception {
            try (var connection = new SQLiteConfig().createConnection("jdbc:sqlite:" + args[0]);
                 var statement = connection.createStatement()) {
                statement.execute("create table t (x)");
            }
            // the file the process mapped, as the kernel says
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                if (line.contains("sqlitejdbc")) {
                    System.out.println("loaded " + line.substring(line.indexOf('/')));
                    break;
                }
            }
        }
    }
}
