package io.stockledger.security.test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The listening TCP sockets of this machine as {@code ss -ltn} shows them, read from {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6} (Linux): for checking which addresses the ledger's servers bind.
 */
public final class ListeningSockets {

    private ListeningSockets() {}

    /** A listening socket: its local address ({@code 127.0.0.1}, {@code ::}, …) and port. */
    public record Listener(String address, int port) {}

    /** The sockets listening on {@code port}, of any process. */
    public static Set<Listener> onPort(int port) throws IOException {
        return listening(fields -> true, port);
    }

    /** The sockets process {@code pid} listens on: its socket descriptors' inodes matched in the tables. */
    public static Set<Listener> ofProcess(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path descriptor : descriptors) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while the directory was read
                }
            }
        }
        return listening(fields -> inodes.contains(fields[9]), -1);
    }

    private static Set<Listener> listening(Predicate<String[]> owned, int port) throws IOException {
        Set<Listener> listeners = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                int localPort = Integer.parseInt(local[1], 16);
                boolean listening = "0A".equals(fields[3]);
                if (listening && (port < 0 || localPort == port) && owned.test(fields)) {
                    listeners.add(new Listener(address(local[0]), localPort));
                }
            }
        }
        return listeners;
    }

    /** A /proc/net address: 8 hex digits (IPv4, little-endian) or 32 (IPv6, four little-endian words). */
    private static String address(String hex) {
        String upper = hex.toUpperCase(Locale.ROOT);
        if (upper.length() == 8) {
            return ipv4(upper);
        }
        if (upper.equals("00000000000000000000000000000000")) {
            return "::";
        }
        if (upper.equals("00000000000000000000000001000000")) {
            return "::1";
        }
        if (upper.startsWith("0000000000000000FFFF0000")) {
            return ipv4(upper.substring(24));
        }
        return upper;
    }

    private static String ipv4(String littleEndianHex) {
        long value = Long.parseLong(littleEndianHex, 16);
        return (value & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + ((value >> 16) & 0xFF) + "."
                + ((value >> 24) & 0xFF);
    }
}
