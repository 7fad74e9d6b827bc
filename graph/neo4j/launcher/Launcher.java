import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * An in-process Neo4j: Bolt on 127.0.0.1 only, no HTTP, authentication disabled.
 *
 * <p>{@code java -cp 'lib/*' Launcher.java [--port N] [--data DIR]} prints
 * {@code BOLT_URI=bolt://127.0.0.1:PORT} once Bolt accepts connections, then runs until
 * SIGTERM, Ctrl-C or the end of standard input. Port 0 (the default) picks a free port.
 * The database lives in {@code DIR/data}; without {@code --data}, in a temporary directory
 * deleted on exit.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";
    private static final int READY_ATTEMPTS = 100;

    private static volatile Neo4j neo4j;

    public static void main(String[] args) {
        try {
            serve(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void serve(String[] args) throws Exception {
        int port = 0;
        Path data = null;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--data" -> data = Path.of(required(args[i], value));
                default -> throw new IllegalArgumentException(
                        "unknown argument " + args[i] + " (usage: Launcher.java [--port N] [--data DIR])");
            }
        }

        boolean temporary = data == null;
        Path home = temporary
                ? Files.createTempDirectory("tsunagari-neo4j-")
                : Files.createDirectories(data).toAbsolutePath();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(home, temporary), "neo4j-shutdown"));

        neo4j = Neo4jBuilders.newInProcessBuilder(home)
                .withDisabledServer()
                .withConfig(GraphDatabaseSettings.data_directory, home.resolve("data"))
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();

        int boltPort = neo4j.boltURI().getPort();
        awaitBolt(boltPort);
        System.out.println("BOLT_URI=bolt://" + HOST + ":" + boltPort);
        System.out.flush();

        System.in.transferTo(OutputStream.nullOutputStream());
        System.exit(0);
    }

    private static String required(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    private static void awaitBolt(int port) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (attempt == READY_ATTEMPTS) {
                    throw new IllegalStateException("Bolt does not accept connections on port " + port, e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void shutdown(Path home, boolean temporary) {
        Neo4j running = neo4j;
        if (running != null) {
            running.close();
        }
        if (temporary) {
            try (Stream<Path> paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + home + ": " + e);
            }
        }
    }
}
