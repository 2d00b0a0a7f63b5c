package alipayphone;

import java.util.Map;

/** A contract error: a code of alimock's default contract and a message safe to show (never the phone number). */
public final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    public static final String AUTH_REQUIRED = "AUTH_REQUIRED";
    public static final String ISV_PERMISSION_DENIED = "ISV_PERMISSION_DENIED";
    public static final String ALIPAY_MISCONFIGURED = "ALIPAY_MISCONFIGURED";
    public static final String ALIPAY_BUSY = "ALIPAY_BUSY";
    public static final String NO_MOBILE_BOUND = "NO_MOBILE_BOUND";
    public static final String SIGNATURE_MISSING = "SIGNATURE_MISSING";
    public static final String SIGNATURE_INVALID = "SIGNATURE_INVALID";
    public static final String DECRYPT_FAILED = "DECRYPT_FAILED";
    public static final String BAD_REQUEST = "BAD_REQUEST";

    private static final Map<String, Integer> HTTP_STATUS = Map.of(
            AUTH_REQUIRED, 403,
            ISV_PERMISSION_DENIED, 502,
            ALIPAY_MISCONFIGURED, 502,
            ALIPAY_BUSY, 503,
            NO_MOBILE_BOUND, 422);

    private final String code;

    public Refusal(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The status the default contract uses for this code. */
    public int httpStatus() {
        return HTTP_STATUS.getOrDefault(code, 400);
    }
}
