package alipayphone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** The keys a backend is configured with: Alipay's public key (支付宝公钥, not the app's own) and the AES key. */
public final class AlipayKeys {
    public final PublicKey alipayPublicKey;
    public final byte[] aesKey;

    /**
     * @param alipayPublicKey bare Base64 of the SubjectPublicKeyInfo (as the console shows it) or a PEM block
     * @param aesKey the console's Base64 AES key
     */
    public AlipayKeys(String alipayPublicKey, String aesKey) throws GeneralSecurityException {
        String base64 = alipayPublicKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s+", "");
        try {
            this.alipayPublicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            this.aesKey = Base64.getDecoder().decode(aesKey.trim());
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("a key is not Base64", e);
        }
        if (this.aesKey.length != 16 && this.aesKey.length != 24 && this.aesKey.length != 32) {
            throw new GeneralSecurityException("the AES key must decode to 16, 24 or 32 bytes");
        }
    }

    /** alipay-public.txt and aes.txt from a folder laid out like alimock's keys/. */
    public static AlipayKeys fromFolder(Path dir) throws IOException, GeneralSecurityException {
        return new AlipayKeys(
                Files.readString(dir.resolve("alipay-public.txt"), StandardCharsets.US_ASCII),
                Files.readString(dir.resolve("aes.txt"), StandardCharsets.US_ASCII));
    }
}
