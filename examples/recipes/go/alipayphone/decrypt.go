package alipayphone

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"unicode/utf8"
)

// Decrypt: AES-CBC (the key's length picks AES-128/192/256), IV = 16 zero bytes, PKCS#7 padding, UTF-8 plaintext.
// A plain response passes through. Any failure is DECRYPT_FAILED: a wrong key is reported, never turned into garbage.
func Decrypt(env *Envelope, aesKey []byte) (string, *Error) {
	if !env.Encrypted {
		return env.Content, nil
	}
	failed := fail(DecryptFailed, "the payload could not be decrypted with the configured AES key")
	if !strictBase64.MatchString(env.Content) {
		return "", failed
	}
	data, err := base64.StdEncoding.DecodeString(env.Content)
	if err != nil || len(data) == 0 || len(data)%aes.BlockSize != 0 {
		return "", failed
	}
	block, err := aes.NewCipher(aesKey)
	if err != nil {
		return "", failed
	}
	plain := make([]byte, len(data))
	cipher.NewCBCDecrypter(block, make([]byte, aes.BlockSize)).CryptBlocks(plain, data)
	pad := int(plain[len(plain)-1])
	if pad < 1 || pad > aes.BlockSize || !bytes.Equal(plain[len(plain)-pad:], bytes.Repeat([]byte{byte(pad)}, pad)) {
		return "", failed
	}
	plain = plain[:len(plain)-pad]
	if !utf8.Valid(plain) {
		return "", failed
	}
	return string(plain), nil
}
