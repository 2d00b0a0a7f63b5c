package alipayphone;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Step 3: AES-CBC (the key's length picks AES-128/192/256), IV = 16 zero bytes, PKCS#7 (Java calls it PKCS5Padding),
 * UTF-8. A plain response passes through. Every failure is DECRYPT_FAILED: a wrong key is reported, never garbage.
 */
public final class Decrypt {
    private Decrypt() {}

    public static String plaintext(Envelope envelope, byte[] aesKey) throws Refusal {
        if (!envelope.encrypted) return envelope.content;
        byte[] data = StrictBase64.decode(envelope.content);
        if (data != null && data.length > 0 && data.length % 16 == 0) {
            try {
                Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
                cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(new byte[16]));
                byte[] plain = cipher.doFinal(data);
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(plain)).toString();
            } catch (GeneralSecurityException | CharacterCodingException e) {
                // bad padding (a wrong key or altered bytes) or not UTF-8: fall through
            }
        }
        throw new Refusal(Refusal.DECRYPT_FAILED, "the payload could not be decrypted with the configured AES key");
    }
}
