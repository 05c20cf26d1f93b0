package dev.poststride.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where webhooks may go: never to this service's own network. An endpoint's host is resolved and every address
 * checked when it is registered <em>and</em> before each attempt, and the request then goes to the address that was
 * checked (so a name that later resolves elsewhere — DNS rebinding — cannot redirect it); redirects are not
 * followed. Refused: loopback, private (RFC 1918, unique-local), link-local (cloud metadata), carrier-grade NAT,
 * "this network", benchmarking, multicast and other reserved ranges, unless listed in
 * {@code POSTSTRIDE_WEBHOOKS_ALLOWED_PRIVATE_ADDRESSES}.
 */
@ApplicationScoped
class AddressPolicy {

    /** An endpoint URL this service will not deliver to, with the reason to show. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The checked place to connect to. */
    record Destination(URI uri, InetAddress address, int port, boolean tls) {
    }

    private final boolean requireHttps;
    private final Set<String> allowedPrivate;

    @Inject
    AddressPolicy(WebhookConfig config) {
        this(config.requireHttps(), config.allowedPrivateAddresses().orElse(List.of()));
    }

    AddressPolicy(boolean requireHttps, List<String> allowedPrivate) {
        this.requireHttps = requireHttps;
        this.allowedPrivate = allowedPrivate.stream().map(a -> a.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The URL's form only (scheme, host, no credentials), before anything is resolved. */
    URI parse(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new Refused("is not a URL");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new Refused("must be an https:// URL");
        }
        if (requireHttps && !scheme.equals("https")) {
            throw new Refused("must be an https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused("has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a #fragment");
        }
        return uri;
    }

    /** Resolves the URL's host and checks every address it has; the first one is where to connect. */
    Destination resolve(String url) throws Refused {
        URI uri = parse(url);
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("has a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!allowed(address)) {
                throw new Refused("resolves to " + address.getHostAddress()
                                  + ", a private, loopback or reserved address");
            }
        }
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        return new Destination(uri, addresses[0], port, tls);
    }

    boolean allowed(InetAddress address) {
        if (allowedPrivate.contains(address.getHostAddress().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
            || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0 // "this network"
                     || first == 100 && second >= 64 && second < 128 // carrier-grade NAT
                     || first == 192 && second == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments
                     || first == 198 && (second == 18 || second == 19) // benchmarking
                     || first >= 240); // reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc;
            boolean ipv4Mapped = Arrays.equals(Arrays.copyOf(b, 12), new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                                                                 (byte) 0xff, (byte) 0xff});
            boolean nat64OrDocumentation = first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d
                                           && (b[3] & 0xff) == 0xb8;
            return !(uniqueLocal || ipv4Mapped || nat64OrDocumentation);
        }
        return false;
    }
}
