package io.rollcoach.sim.output;

/** Receives bytes the gateway sends back (CUE, CONFIGURE), on the output's reader thread. */
@FunctionalInterface
public interface GatewayBytes {
    void onBytes(byte[] src, int offset, int length);
}
