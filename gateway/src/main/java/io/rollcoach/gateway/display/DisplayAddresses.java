package io.rollcoach.gateway.display;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The addresses a phone on the same network can open the display at: {@code <hostname>.local} (mDNS, which Raspberry
 * Pi OS answers) and each LAN address, when the display listens on every interface; its own address otherwise. Asked
 * once at start, on the caller's thread, for the line that says where the display is.
 */
public final class DisplayAddresses {
    private DisplayAddresses() {
    }

    /** @param localUrl the display's URL on this machine ({@code http://127.0.0.1:8080/} when on every interface) */
    public static List<String> of(String localUrl, String bindAddress) {
        if (!isWildcard(bindAddress)) {
            return List.of(localUrl);
        }
        int port = URI.create(localUrl).getPort();
        List<String> urls = new ArrayList<>();
        String host = hostName();
        if (host != null) {
            urls.add("http://" + host + ".local:" + port + "/");
        }
        for (String address : lanAddresses()) {
            urls.add("http://" + address + ":" + port + "/");
        }
        if (urls.isEmpty()) {
            urls.add(localUrl);
        }
        return urls;
    }

    static boolean isWildcard(String bindAddress) {
        return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.equals("[::]");
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            int dot = name.indexOf('.');
            name = dot > 0 ? name.substring(0, dot) : name;
            return name.isEmpty() || name.equals("localhost") ? null : name;
        } catch (IOException e) {
            return null;
        }
    }

    /** IPv4 addresses of the interfaces that are up, not loopback and not a container bridge. */
    static List<String> lanAddresses() {
        List<String> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual() || nic.getName().startsWith("docker")
                    || nic.getName().startsWith("br-") || nic.getName().startsWith("veth")) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress()) {
                        addresses.add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // no list of interfaces: the host name alone is said
        }
        return addresses;
    }
}
