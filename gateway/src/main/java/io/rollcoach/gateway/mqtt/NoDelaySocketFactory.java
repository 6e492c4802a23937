package io.rollcoach.gateway.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Sockets with Nagle's algorithm off: a feedback event should not wait 40 ms for company. Public for the bench, which
 * gives Paho the same sockets when it times Paho alone.
 */
public final class NoDelaySocketFactory extends SocketFactory {
    private final SocketFactory delegate;

    public NoDelaySocketFactory(SocketFactory delegate) {
        this.delegate = delegate;
    }

    static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
        return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }
}
