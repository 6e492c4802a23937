package io.rollcoach.gateway.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.sqlite.util.OSInfo;

/**
 * Writes the SQLite native library this machine needs out of the jar, for {@code /usr/bin/rollcoach} to name with
 * {@code -Dorg.sqlite.lib.path} and {@code -Dorg.sqlite.lib.name}. Without it sqlite-jdbc works out the platform
 * (on ARM by running {@code uname}) and copies the library out of the jar into the temporary folder on every start:
 * about a tenth of a second before the history opens, on a Pi an SD card write of a megabyte each time. Run by
 * {@code rollcoach --make-cds-archive} at install: {@code java -cp rollcoach.jar <this class> DIR NAME}.
 */
public final class ExportSqliteLibrary {
    private ExportSqliteLibrary() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java -cp rollcoach.jar " + ExportSqliteLibrary.class.getName() + " DIR NAME");
            System.exit(2);
        }
        try {
            System.out.println(export(Path.of(args[0]), args[1]));
        } catch (IOException e) {
            System.err.println("rollcoach: SQLite's native library not written: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Writes the library as {@code dir/name} (whole or not at all) and returns its path. */
    static Path export(Path dir, String name) throws IOException {
        String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
            + System.mapLibraryName("sqlitejdbc");
        Path target = dir.resolve(name);
        try (InputStream in = ExportSqliteLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the jar has no " + resource + " for this machine ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + ")");
            }
            Path partial = Files.createTempFile(dir, name, ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        return target;
    }
}
