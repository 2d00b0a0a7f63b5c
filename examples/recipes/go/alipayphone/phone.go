package alipayphone

import "crypto/rsa"

// Keys are what the backend is configured with: Alipay's public key (支付宝公钥, not the app's own) and the app's
// AES key (接口内容加密方式).
type Keys struct {
	AlipayPublicKey *rsa.PublicKey
	AESKey          []byte
}

// PhoneNumber is the function to copy: parse → verify → decrypt → interpret, in that order. Nothing is decrypted
// before the signature has been checked, and a missing sign is refused.
func PhoneNumber(encryptedData string, keys Keys) (string, *Error) {
	env, err := ParseEnvelope(encryptedData)
	if err != nil {
		return "", err
	}
	if err := Verify(env, keys.AlipayPublicKey); err != nil {
		return "", err
	}
	plaintext, err := Decrypt(env, keys.AESKey)
	if err != nil {
		return "", err
	}
	return Interpret(plaintext)
}
