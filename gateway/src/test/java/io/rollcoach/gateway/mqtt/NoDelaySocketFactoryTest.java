package io.rollcoach.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;

/** Every way Paho may ask for a socket gives one with Nagle's algorithm off; the JDK's own default is on. */
class NoDelaySocketFactoryTest {
    @Test
    void theJdkLeavesNagleOnSoTheFactoriesHaveSomethingToDo() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             Socket socket = SocketFactory.getDefault().createSocket(InetAddress.getLoopbackAddress(),
                 server.getLocalPort())) {
            assertFalse(socket.getTcpNoDelay());
        }
    }

    @Test
    void plainSocketsConnectedOrNot() throws IOException {
        SocketFactory factory = new NoDelaySocketFactory(SocketFactory.getDefault());
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             Socket unconnected = factory.createSocket();
             Socket byName = factory.createSocket("127.0.0.1", server.getLocalPort());
             Socket byAddress = factory.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertTrue(unconnected.getTcpNoDelay());
            assertTrue(byName.getTcpNoDelay());
            assertTrue(byAddress.getTcpNoDelay());
        }
    }

    @Test
    void tlsSocketsConnectedOrNotAndLayeredOverAPlainOne() throws IOException {
        SSLSocketFactory jdk = (SSLSocketFactory) SSLSocketFactory.getDefault();
        SSLSocketFactory factory = new NoDelaySslSocketFactory(jdk);
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             Socket unconnected = factory.createSocket();
             Socket byName = factory.createSocket("127.0.0.1", server.getLocalPort());
             Socket tcp = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket layered = factory.createSocket(tcp, "127.0.0.1", server.getLocalPort(), true)) {
            assertInstanceOf(SSLSocket.class, unconnected, "Paho's ssl:// needs TLS sockets");
            assertTrue(unconnected.getTcpNoDelay());
            assertTrue(byName.getTcpNoDelay());
            assertTrue(layered.getTcpNoDelay());
            assertArrayEquals(jdk.getSupportedCipherSuites(), factory.getSupportedCipherSuites());
        }
    }
}
