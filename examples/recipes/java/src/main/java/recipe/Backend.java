package recipe;

import alipayphone.AlipayKeys;
import alipayphone.Json;
import alipayphone.PhoneNumber;
import alipayphone.Refusal;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A tiny backend on alimock's default contract (JDK only): POST /api/alipay/phone {"encryptedData": "<res.response>"}
 * → 200 {"mobile"} or non-2xx {"error": {"code", "message"}}; GET /healthz → 200.
 * Usage: java -cp BUILD recipe.Backend <port> <keys dir>
 */
public final class Backend {
    private static final int MAX_BODY = 1 << 20;

    private Backend() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Backend <port> <keys dir>");
            System.exit(2);
        }
        AlipayKeys keys = AlipayKeys.fromFolder(Path.of(args[1]));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            try (exchange) {
                route(exchange, keys);
            }
        });
        server.start();
        System.out.println("java recipe backend listening on http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void route(HttpExchange exchange, AlipayKeys keys) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && path.equals("/healthz")) {
            send(exchange, 200, "{\"ok\":true}");
        } else if (method.equals("POST") && path.equals("/api/alipay/phone")) {
            phone(exchange, keys);
        } else {
            refuse(exchange, 404, "NOT_FOUND", "POST /api/alipay/phone or GET /healthz");
        }
    }

    private static void phone(HttpExchange exchange, AlipayKeys keys) throws IOException {
        byte[] body = readAtMost(exchange.getRequestBody(), MAX_BODY);
        if (body == null) {
            refuse(exchange, 413, Refusal.BAD_REQUEST, "request body too large");
            return;
        }
        String encryptedData = encryptedData(body);
        if (encryptedData == null) {
            refuse(exchange, 400, Refusal.BAD_REQUEST, "send JSON { \"encryptedData\": \"<res.response string, unchanged>\" }");
            return;
        }
        try {
            send(exchange, 200, "{\"mobile\":" + quote(PhoneNumber.of(encryptedData, keys)) + "}");
        } catch (Refusal refusal) {
            refuse(exchange, refusal.httpStatus(), refusal.code(), refusal.getMessage());
        }
    }

    /** The body, or null when it is longer than `limit` (the rest is read and dropped: the client gets the answer). */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total <= limit) out.write(buffer, 0, n);
            if (total > 64L * limit) break;
        }
        return total <= limit ? out.toByteArray() : null;
    }

    /** The non-empty encryptedData string of a one-object JSON body without duplicate members, or null. */
    private static String encryptedData(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
            Json.Member member = Json.members(text).get("encryptedData");
            return member != null && member.value instanceof String && !((String) member.value).isEmpty()
                    ? (String) member.value
                    : null;
        } catch (CharacterCodingException | Json.JsonException e) {
            return null;
        }
    }

    private static void refuse(HttpExchange exchange, int status, String code, String message) throws IOException {
        if (code.equals(Refusal.ALIPAY_BUSY)) exchange.getResponseHeaders().set("Retry-After", "1");
        send(exchange, status, "{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().putAll(Map.of(
                "Content-Type", List.of("application/json; charset=utf-8"),
                "Cache-Control", List.of("no-store")));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A JSON string literal (the texts here are ASCII or plain Unicode; quotes, backslashes and controls escaped). */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }
}
