package alipayphone;

import java.util.Map;

/** Step 1: res.response → Envelope. Only structure and types are checked; nothing is trusted yet. */
public final class Envelope {
    /** The ciphertext (encrypted) or the plaintext JSON (a plain response). */
    public final String content;
    /** The official rule: response is a string that does not start with "{". */
    public final boolean encrypted;
    /** Exactly what Alipay signs: the raw text of the response value (with its quotes when it is a string). */
    public final String signedText;
    /** Null when the envelope has no sign at all. */
    public final String sign;
    /** "RSA2" (also when sign_type is absent) or "RSA". */
    public final String signType;

    private Envelope(String content, boolean encrypted, String signedText, String sign, String signType) {
        this.content = content;
        this.encrypted = encrypted;
        this.signedText = signedText;
        this.sign = sign;
        this.signType = signType;
    }

    public static Envelope parse(String text) throws Refusal {
        Map<String, Json.Member> members;
        try {
            members = Json.members(text);
        } catch (Json.JsonException e) {
            throw new Refusal(Refusal.BAD_REQUEST, "encryptedData must be one JSON object without duplicate members");
        }
        Json.Member response = members.get("response");
        if (response == null) throw new Refusal(Refusal.BAD_REQUEST, "the envelope has no \"response\" member");
        String content;
        boolean encrypted;
        if (response.value instanceof String) {
            content = (String) response.value;
            if (content.isEmpty()) throw new Refusal(Refusal.BAD_REQUEST, "the envelope's \"response\" is empty");
            encrypted = !content.startsWith("{");
        } else if (response.value instanceof Map) {
            content = response.raw;
            encrypted = false;
        } else {
            throw new Refusal(Refusal.BAD_REQUEST, "the envelope's \"response\" must be a string or an object");
        }
        String sign = optionalString(members, "sign", "the envelope's \"sign\" must be a string");
        String signType = optionalString(members, "sign_type", "unsupported sign_type (RSA2 or RSA expected)");
        if (signType != null && !signType.equals("RSA2") && !signType.equals("RSA")) {
            throw new Refusal(Refusal.BAD_REQUEST, "unsupported sign_type (RSA2 or RSA expected)");
        }
        String encryptType = optionalString(members, "encrypt_type", "unsupported encrypt_type (AES expected)");
        if (encryptType != null && !encryptType.equals("AES")) {
            throw new Refusal(Refusal.BAD_REQUEST, "unsupported encrypt_type (AES expected)");
        }
        String charset = optionalString(members, "charset", "unsupported charset (UTF-8 expected)");
        if (charset != null && !charset.matches("(?i)utf-?8")) {
            throw new Refusal(Refusal.BAD_REQUEST, "unsupported charset (UTF-8 expected)");
        }
        return new Envelope(content, encrypted, response.raw, sign, signType == null ? "RSA2" : signType);
    }

    private static String optionalString(Map<String, Json.Member> members, String key, String problem) throws Refusal {
        Json.Member member = members.get(key);
        if (member == null) return null;
        if (!(member.value instanceof String)) throw new Refusal(Refusal.BAD_REQUEST, problem);
        return (String) member.value;
    }
}
