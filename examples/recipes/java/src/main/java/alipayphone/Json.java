package alipayphone;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small strict JSON reader (the JDK has none): objects become LinkedHashMap, arrays List, numbers BigDecimal,
 * null {@link #NULL}. It refuses duplicate keys (a parser keeping the last and a check reading the first would
 * disagree) and nesting deeper than 512. {@link #members} also keeps each top-level value's raw text.
 */
public final class Json {
    /** JSON null. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A top-level member: its value and the value's raw text exactly as it appears. */
    public static final class Member {
        public final Object value;
        public final String raw;

        Member(Object value, String raw) {
            this.value = value;
            this.raw = raw;
        }
    }

    /** The text is not (strict) JSON. */
    public static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_DEPTH = 512;
    private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

    private final String text;
    private int i;

    private Json(String text) {
        this.text = text;
    }

    /** One JSON value, nothing before or after it but whitespace. */
    public static Object parse(String text) throws JsonException {
        Json reader = new Json(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.end();
        return value;
    }

    /** The members of one JSON object, in order, with their raw text. */
    public static Map<String, Member> members(String text) throws JsonException {
        Json reader = new Json(text);
        reader.skipWhitespace();
        Map<String, Member> members = new LinkedHashMap<>();
        reader.object(0, (key, start, value) -> members.put(key, new Member(value, text.substring(start, reader.i))));
        reader.end();
        return members;
    }

    private interface MemberSink {
        void add(String key, int start, Object value);
    }

    private void end() throws JsonException {
        skipWhitespace();
        if (i != text.length()) throw new JsonException("unexpected text after the JSON value");
    }

    private Object value(int depth) throws JsonException {
        if (depth > MAX_DEPTH) throw new JsonException("nested too deeply");
        char c = peek();
        if (c == '{') {
            Map<String, Object> map = new LinkedHashMap<>();
            object(depth, (key, start, value) -> map.put(key, value));
            return map;
        }
        if (c == '[') return array(depth);
        if (c == '"') return string();
        if (text.startsWith("true", i)) return literal(4, Boolean.TRUE);
        if (text.startsWith("false", i)) return literal(5, Boolean.FALSE);
        if (text.startsWith("null", i)) return literal(4, NULL);
        Matcher m = NUMBER.matcher(text).region(i, text.length());
        if (!m.lookingAt()) throw new JsonException("unexpected character at " + i);
        i = m.end();
        return new BigDecimal(m.group());
    }

    private Object literal(int length, Object value) {
        i += length;
        return value;
    }

    private void object(int depth, MemberSink sink) throws JsonException {
        expect('{');
        java.util.Set<String> seen = new java.util.HashSet<>();
        skipWhitespace();
        if (peek() == '}') {
            i++;
            return;
        }
        while (true) {
            skipWhitespace();
            String key = string();
            if (!seen.add(key)) throw new JsonException("duplicate key");
            skipWhitespace();
            expect(':');
            skipWhitespace();
            int start = i;
            sink.add(key, start, value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                i++;
                continue;
            }
            expect('}');
            return;
        }
    }

    private List<Object> array(int depth) throws JsonException {
        expect('[');
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            i++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                i++;
                continue;
            }
            expect(']');
            return list;
        }
    }

    private String string() throws JsonException {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = peek();
            i++;
            if (c == '"') return out.toString();
            if (c < 0x20) throw new JsonException("control character in a string");
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = peek();
            i++;
            switch (e) {
                case '"': case '\\': case '/': out.append(e); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u':
                    if (i + 4 > text.length() || !text.substring(i, i + 4).matches("[0-9A-Fa-f]{4}")) {
                        throw new JsonException("bad \\u escape");
                    }
                    out.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
                    i += 4;
                    break;
                default:
                    throw new JsonException("bad escape");
            }
        }
    }

    private char peek() throws JsonException {
        if (i >= text.length()) throw new JsonException("unexpected end of JSON");
        return text.charAt(i);
    }

    private void expect(char c) throws JsonException {
        if (peek() != c) throw new JsonException("expected '" + c + "' at " + i);
        i++;
    }

    private void skipWhitespace() {
        while (i < text.length() && " \t\n\r".indexOf(text.charAt(i)) >= 0) i++;
    }
}
