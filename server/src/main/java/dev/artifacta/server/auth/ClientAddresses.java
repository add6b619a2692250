package dev.artifacta.server.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the client is: the TCP peer, unless the peer is one of the operator's trusted proxies
 * ({@code artifacta.http.trusted-proxies}: addresses or CIDR ranges), in which case it is the
 * nearest address in {@code X-Forwarded-For} that is not itself a trusted proxy. Walking from the
 * right means a client cannot choose its address by sending its own {@code X-Forwarded-For}: the
 * proxy appends the address it saw, and everything left of that is the client's word. With no
 * trusted proxy (the default) the header is ignored. The address is recorded with every event and
 * keys the failed-authentication throttle and the signup rate limit.
 */
@Singleton
public class ClientAddresses {

    static final String ATTRIBUTE = "artifacta.clientAddress";
    private static final int MAX_HOPS = 32;

    private final List<IpSubnetFilterRule> trusted;

    public ClientAddresses(@Value("${artifacta.http.trusted-proxies:}") List<String> trustedProxies) {
        var rules = new ArrayList<IpSubnetFilterRule>();
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                rules.add(rule(entry.strip()));
            }
        }
        this.trusted = List.copyOf(rules);
    }

    /** The client's address for this request (computed once, by {@link RequestIdFilter}). */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> peerOf(request));
    }

    String resolve(HttpRequest<?> request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (trusted.isEmpty() || peer.getAddress() == null || !isTrusted(peer.getAddress())) {
            return peerOf(request);
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peerOf(request);
        for (int i = hops.size() - 1, walked = 0; i >= 0 && walked < MAX_HOPS; i--, walked++) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break; // not an address: nothing to its left can be trusted either
            }
            client = hop.getHostAddress();
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        var socket = new InetSocketAddress(address, 0);
        return trusted.stream().anyMatch(rule -> rule.matches(socket));
    }

    private static String peerOf(HttpRequest<?> request) {
        var address = request.getRemoteAddress();
        return address.getAddress() == null
                ? address.getHostString()
                : address.getAddress().getHostAddress();
    }

    /** The address an IP literal names, without any name lookup; null for anything else. */
    private static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private static IpSubnetFilterRule rule(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress literal = literal(address);
        if (literal == null) {
            throw new ConfigurationException("artifacta.http.trusted-proxies: '" + entry
                    + "' is not an IP address or CIDR range (such as 10.0.0.0/8 or ::1)");
        }
        int maxPrefix = literal.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? maxPrefix : Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > maxPrefix) {
            throw new ConfigurationException(
                    "artifacta.http.trusted-proxies: '" + entry + "' has a prefix length outside 0 to " + maxPrefix);
        }
        return new IpSubnetFilterRule(literal, prefix, IpFilterRuleType.ACCEPT);
    }
}
