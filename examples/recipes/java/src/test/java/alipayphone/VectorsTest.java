package alipayphone;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs PhoneNumber.of over vectors.json (`npx alimock vectors --out DIR`): exit 0 when every vector gets its expected
 * answer, 1 otherwise. No test framework needed; with JUnit, loop over the same file in a parameterised test.
 *
 * <pre>java -cp BUILD alipayphone.VectorsTest DIR/vectors.json   (or VECTORS=DIR/vectors.json)</pre>
 */
public final class VectorsTest {
    public static void main(String[] args) throws Exception {
        String path = args.length > 0 ? args[0] : System.getenv("VECTORS");
        if (path == null || path.isEmpty()) {
            System.err.println("usage: VectorsTest <vectors.json> (npx alimock vectors --out DIR)");
            System.exit(2);
        }
        Map<?, ?> file = (Map<?, ?>) Json.parse(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        Map<?, ?> keyTexts = (Map<?, ?>) file.get("keys");
        AlipayKeys keys = new AlipayKeys((String) keyTexts.get("alipayPublicKey"), (String) keyTexts.get("aesKey"));
        List<?> vectors = (List<?>) file.get("vectors");
        List<String> failures = new ArrayList<>();
        for (Object item : vectors) {
            Map<?, ?> vector = (Map<?, ?>) item;
            Map<?, ?> expect = (Map<?, ?>) vector.get("expect");
            String mobile = null;
            String code = null;
            try {
                mobile = PhoneNumber.of((String) vector.get("envelope"), keys);
            } catch (Refusal refusal) {
                code = refusal.code();
            }
            String got = code != null ? code : "mobile " + mobile;
            if ("accepted".equals(expect.get("verdict"))) {
                if (code != null || !expect.get("mobile").equals(mobile)) {
                    failures.add(vector.get("id") + ": expected mobile " + expect.get("mobile") + ", got " + got);
                }
            } else if (code == null || !((List<?>) expect.get("codes")).contains(code)) {
                failures.add(vector.get("id") + ": expected one of " + expect.get("codes") + ", got " + got);
            }
        }
        failures.forEach(failure -> System.err.println("FAIL " + failure));
        System.out.println((vectors.size() - failures.size()) + " of " + vectors.size() + " vectors passed");
        System.exit(failures.isEmpty() && !vectors.isEmpty() ? 0 : 1);
    }
}
