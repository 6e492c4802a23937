package io.rollcoach.gateway.serial;

import java.nio.file.Files;
import java.nio.file.Path;

/** Explains why a port did not open, in terms a person at the Pi can act on. */
final class PortProblem {
    /** errno values jSerialComm passes on from open(2) on Linux. */
    private static final int EACCES = 13;
    private static final int EBUSY = 16;

    private PortProblem() {
    }

    /**
     * @param node        the device node checked, or null where there is none (Windows)
     * @param errorCode   jSerialComm's last error code, -1 if none
     * @param libraryText what jSerialComm said, or null
     */
    static String describe(String port, Path node, int errorCode, String libraryText) {
        StringBuilder sb = new StringBuilder(256).append("cannot open serial port ").append(port);
        if (node != null) {
            if (!Files.exists(node)) {
                sb.append(": ").append(node).append(" does not exist; is the roller plugged in and switched on? "
                    + "`rollcoach ports` lists the ports found (pseudo-terminals are not listed but open by path)");
                return sb.toString();
            }
            if (!Files.isReadable(node) || !Files.isWritable(node) || errorCode == EACCES) {
                sb.append(": permission denied on ").append(node)
                    .append("; add the user to the dialout group (sudo usermod -aG dialout $USER, then log in again)");
                return sb.toString();
            }
            sb.append(": ").append(node).append(" exists and is readable and writable");
        }
        if (errorCode == EBUSY) {
            sb.append("; it is busy: another program (a second gateway, a serial console, ModemManager) holds it");
        } else {
            sb.append("; the open failed");
            if (errorCode > 0) {
                sb.append(" with error ").append(errorCode);
            }
            sb.append(": another program may hold it, or it is not a serial device");
        }
        if (libraryText != null) {
            sb.append(" (").append(libraryText).append(')');
        }
        return sb.toString();
    }
}
