package alipayphone;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Step 2: the signature, checked BEFORE anything is decrypted. RSA2 (also when sign_type is absent) is
 * SHA256withRSA, RSA is SHA1withRSA, over the UTF-8 bytes of the signed text.
 */
public final class Verify {
    private Verify() {}

    public static void check(Envelope envelope, PublicKey alipayPublicKey) throws Refusal {
        if (envelope.sign == null) {
            throw new Refusal(Refusal.SIGNATURE_MISSING,
                    "the payload has no sign: set the Alipay public key, the AES key and the app gateway in the console");
        }
        byte[] signature = StrictBase64.decode(envelope.sign);
        boolean valid = false;
        if (signature != null) {
            try {
                Signature verifier = Signature.getInstance(envelope.signType.equals("RSA") ? "SHA1withRSA" : "SHA256withRSA");
                verifier.initVerify(alipayPublicKey);
                verifier.update(envelope.signedText.getBytes(StandardCharsets.UTF_8));
                valid = verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                valid = false; // e.g. a signature of the wrong length: not Alipay's
            }
        }
        if (!valid) throw new Refusal(Refusal.SIGNATURE_INVALID, "the signature does not verify with the Alipay public key");
    }
}
