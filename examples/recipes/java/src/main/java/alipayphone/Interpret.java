package alipayphone;

import java.util.Map;

/**
 * Step 4: the decrypted plaintext → the mobile, or the contract error for Alipay's code. A payload that verifies
 * and decrypts can still carry 40003 or 40006: the code must be checked.
 */
public final class Interpret {
    private static final Map<String, String[]> ALIPAY_CODES = Map.of(
            "20000", new String[] {Refusal.ALIPAY_BUSY, "Alipay is busy (20000): retry later"},
            "40001", new String[] {Refusal.ALIPAY_MISCONFIGURED,
                "Alipay reports missing arguments (40001): set the sign type, Alipay public key, app gateway and AES key"},
            "40002", new String[] {Refusal.ALIPAY_MISCONFIGURED, "Alipay reports an encryption error (40002): check the AES key"},
            "40003", new String[] {Refusal.AUTH_REQUIRED,
                "no valid authorisation (40003): ask the user again through the getAuthorize button"},
            "40006", new String[] {Refusal.ISV_PERMISSION_DENIED,
                "insufficient ISV permissions (40006): add the phone-number feature package and get the scope approved"});
    private static final String[] UNKNOWN = {Refusal.ALIPAY_MISCONFIGURED,
        "Alipay returned an unexpected result: check the app configuration"};

    private Interpret() {}

    public static String mobile(String plaintext) throws Refusal {
        Object parsed;
        try {
            parsed = Json.parse(plaintext);
        } catch (Json.JsonException e) {
            parsed = null;
        }
        if (!(parsed instanceof Map)) {
            throw new Refusal(Refusal.DECRYPT_FAILED, "the decrypted payload is not the expected JSON object");
        }
        Map<?, ?> payload = (Map<?, ?>) parsed;
        Object code = payload.get("code");
        if (!"10000".equals(code)) {
            String[] mapped = code instanceof String ? ALIPAY_CODES.getOrDefault(code, UNKNOWN) : UNKNOWN;
            throw new Refusal(mapped[0], mapped[1]);
        }
        Object mobile = payload.get("mobile");
        if (mobile == null || mobile == Json.NULL || (mobile instanceof String && ((String) mobile).isBlank())) {
            throw new Refusal(Refusal.NO_MOBILE_BOUND, "this Alipay account has no bound mobile number");
        }
        if (!(mobile instanceof String)) throw new Refusal(UNKNOWN[0], UNKNOWN[1]);
        return (String) mobile;
    }
}
