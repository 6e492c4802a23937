package io.rollcoach.gateway.service;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.Collections;

/**
 * The display's address as a phone on the same network opens it (Home Assistant's "visit device" link): a display
 * bound to every interface is named by the gateway's LAN address, not by 127.0.0.1.
 */
final class LanAddress {
    private LanAddress() {
    }

    static String url(String bindAddress, String displayUrl) {
        boolean everywhere = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.equals("[::]");
        String lan = everywhere ? siteLocalAddress() : null;
        if (lan == null) {
            return displayUrl;
        }
        URI uri = URI.create(displayUrl);
        return uri.getScheme() + "://" + lan + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/";
    }

    /** The first private IPv4 address of an interface that is up: what a Pi on a home or gym network has. */
    private static String siteLocalAddress() {
        try {
            for (NetworkInterface net : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!net.isUp() || net.isLoopback() || net.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(net.getInetAddresses())) {
                    if (address instanceof Inet4Address && address.isSiteLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to ask: the display's own address will do
        }
        return null;
    }
}
