package dev.computekg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs Neo4j Community embedded, as the local server that {@code computekg neo4j start} manages.
 *
 * <p>Embedding lets the project start a real Neo4j with nothing but a JDK and Maven (no Docker, no
 * tarball download at run time). The Python side ({@code computekg.graph.neo4j_server}) chooses the
 * JVM heap and passes everything else as arguments:
 *
 * <pre>
 *   --home DIR        Neo4j home: the store goes to DIR/data, debug.log to DIR/logs
 *   --port N          Bolt port, bound on 127.0.0.1 only
 *   --pagecache SIZE  page cache size, e.g. 512m
 *   --transaction-memory SIZE
 *                     the most heap one transaction may hold (db.memory.transaction.max), e.g. 256m;
 *                     all transactions together may hold half the heap (dbms.memory.transaction.total.max)
 * </pre>
 *
 * <p>Memory limits keep one query from taking the server down: a query whose tracked memory (rows it
 * collects, sorts, aggregates, transaction state) passes its limit fails alone with
 * MemoryPoolOutOfMemoryError. What Neo4j does not track (a string doubled in {@code reduce}) can still run
 * out of heap; the JVM is therefore started without ExitOnOutOfMemoryError, so Neo4j fails that query
 * with OutOfMemoryError and the server keeps serving.
 *
 * <p>LOAD CSV reads {@code file:///} URLs from DIR/import only (created at start), so a Cypher user cannot
 * make the server read other files of the account it runs as.
 *
 * <p>Authentication is disabled because Bolt listens on the loopback interface only. The server's
 * user log goes to stdout, which the Python side redirects to a file; SIGTERM shuts the database
 * down cleanly through a shutdown hook.
 */
public final class Neo4jLauncher {

    private static final Set<String> OPTIONS = Set.of("--home", "--port", "--pagecache", "--transaction-memory");

    private Neo4jLauncher() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        Map<String, String> options = parseOptions(args);
        Path home = Path.of(options.get("--home")).toAbsolutePath();
        int port = Integer.parseInt(options.get("--port"));
        long pageCacheBytes = SettingValueParsers.BYTES.parse(options.get("--pagecache"));
        long transactionBytes = SettingValueParsers.BYTES.parse(options.get("--transaction-memory"));
        long allTransactionsBytes = Math.max(transactionBytes, Runtime.getRuntime().maxMemory() / 2);
        Path importDir = Files.createDirectories(home.resolve("import"));

        DatabaseManagementService managementService = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                .setConfig(GraphDatabaseSettings.memory_tracking, true)
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, transactionBytes)
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, allTransactionsBytes)
                // No usage reports: nothing leaves the machine at run time.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt otherwise idles 5 s twice on shutdown even with no client connected.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setUserLogProvider(new Log4jLogProvider(System.out))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("computekg: shutting down Neo4j");
            managementService.shutdown();
            System.out.println("computekg: Neo4j stopped");
        }, "computekg-neo4j-shutdown"));

        System.out.println("computekg: Neo4j " + Version.getNeo4jVersion()
                + " started, Bolt on 127.0.0.1:" + port + ", home " + home);
        // Bolt is served by Neo4j's own threads; the main thread only keeps the JVM alive until SIGTERM.
        Thread.currentThread().join();
    }

    /** Reads {@code --name value} pairs, failing with a usage line on anything missing or unknown. */
    private static Map<String, String> parseOptions(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                throw usage("unknown option " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0 || !options.keySet().containsAll(OPTIONS)) {
            throw usage("expected all of " + OPTIONS);
        }
        return options;
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(
                problem + "; usage: Neo4jLauncher --home DIR --port N --pagecache SIZE"
                        + " --transaction-memory SIZE");
    }
}
