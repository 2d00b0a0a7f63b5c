<?php
declare(strict_types=1);

namespace AlipayPhone;

/** The keys a backend is configured with: Alipay's public key (支付宝公钥, not the app's own) and the AES key. */
final class Keys
{
    /** @var resource|\OpenSSLAsymmetricKey */
    public $alipayPublicKey;
    /** @var string raw AES key bytes */
    public $aesKey;

    /**
     * @param string $alipayPublicKey bare Base64 of the SubjectPublicKeyInfo (as the console shows it) or PEM
     * @param string $aesKey the console's Base64 AES key
     */
    public function __construct(string $alipayPublicKey, string $aesKey)
    {
        $text = trim($alipayPublicKey);
        if (strpos($text, '-----BEGIN') !== 0) {
            // the console's bare Base64 → PEM, which is what openssl_* reads
            $text = "-----BEGIN PUBLIC KEY-----\n" . chunk_split(preg_replace('/\s+/', '', $text), 64, "\n")
                . "-----END PUBLIC KEY-----\n";
        }
        $key = openssl_pkey_get_public($text);
        if ($key === false) {
            throw new \InvalidArgumentException('the Alipay public key is neither PEM nor the Base64 SubjectPublicKeyInfo');
        }
        $aes = base64_decode(trim($aesKey), true);
        if ($aes === false || !in_array(strlen($aes), [16, 24, 32], true)) {
            throw new \InvalidArgumentException('the AES key must be Base64 of 16, 24 or 32 bytes');
        }
        $this->alipayPublicKey = $key;
        $this->aesKey = $aes;
    }

    /** alipay-public.txt and aes.txt from a folder laid out like alimock's keys/. */
    public static function fromFolder(string $dir): self
    {
        $public = @file_get_contents($dir . '/alipay-public.txt');
        $aes = @file_get_contents($dir . '/aes.txt');
        if ($public === false || $aes === false) {
            throw new \InvalidArgumentException("$dir must hold alipay-public.txt and aes.txt");
        }
        return new self($public, $aes);
    }
}
