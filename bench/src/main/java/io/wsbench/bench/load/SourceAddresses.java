package io.wsbench.bench.load;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The loopback source addresses (127.0.0.2, 127.0.0.3, ...) many connections to one server are spread over.
 * Linux gives each (source address, destination) pair only the ephemeral port range, about 28k ports: past
 * that, {@code connect()} fails with "Cannot assign requested address". Every address of 127.0.0.0/8 is
 * loopback, so each extra source address adds a whole port range without any setup.
 *
 * @param perAddress at most this many connections share one address
 */
public record SourceAddresses(List<InetAddress> addresses, int perAddress) {

    /** Kept well below the range so ports still in TIME_WAIT from an earlier repetition never run it dry. */
    private static final double SHARE_OF_RANGE = 0.75;

    public SourceAddresses {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no source address");
        }
    }

    /** Enough addresses from 127.0.0.2 up for {@code connections}, given {@code ephemeralPorts} per address. */
    public static SourceAddresses forConnections(int connections, int ephemeralPorts) {
        int perAddress = Math.max(1, (int) (ephemeralPorts * SHARE_OF_RANGE));
        int count = Math.max(1, (connections + perAddress - 1) / perAddress);
        if (count > 250) {
            throw new IllegalArgumentException(connections + " connections need " + count
                    + " loopback source addresses; 127.0.0.2-127.0.0.251 is the most this uses");
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add(loopback(2 + i));
        }
        return new SourceAddresses(addresses, perAddress);
    }

    /** The address for the {@code i}-th connection: round robin, so every address carries an equal share. */
    public InetAddress forConnection(int i) {
        return addresses.get(i % addresses.size());
    }

    /** {@code "127.0.0.2-127.0.0.5"}. */
    public String describe() {
        String first = addresses.get(0).getHostAddress();
        return addresses.size() == 1 ? first : first + "-" + addresses.get(addresses.size() - 1).getHostAddress();
    }

    private static InetAddress loopback(int lastByte) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastByte});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always a valid address
        }
    }
}
