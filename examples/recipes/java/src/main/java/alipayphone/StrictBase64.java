package alipayphone;

import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Strict Base64: the standard alphabet, whole quanta, correct padding; nothing else. Lenient decoders (the MIME
 * decoder, commons-codec) skip stray characters: such text is not what Alipay wrote.
 */
final class StrictBase64 {
    private static final Pattern BASE64 =
            Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

    private StrictBase64() {}

    /** The decoded bytes, or null. */
    static byte[] decode(String text) {
        return BASE64.matcher(text).matches() ? Base64.getDecoder().decode(text) : null;
    }
}
