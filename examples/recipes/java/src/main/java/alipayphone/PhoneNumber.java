package alipayphone;

/** res.response (the string my.getPhoneNumber returns) → the phone number, or a Refusal with a contract code. */
public final class PhoneNumber {
    private PhoneNumber() {}

    /**
     * Parse → verify → decrypt → interpret, in that order: nothing is decrypted before the signature has been
     * checked, and a missing sign is refused.
     */
    public static String of(String encryptedData, AlipayKeys keys) throws Refusal {
        Envelope envelope = Envelope.parse(encryptedData);
        Verify.check(envelope, keys.alipayPublicKey);
        return Interpret.mobile(Decrypt.plaintext(envelope, keys.aesKey));
    }
}
