package alipayphone

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// ParsePublicKey reads Alipay's public key as the console shows it (bare Base64 of the SubjectPublicKeyInfo) or as
// a PEM "PUBLIC KEY" block.
func ParsePublicKey(text string) (*rsa.PublicKey, error) {
	var der []byte
	if block, _ := pem.Decode([]byte(strings.TrimSpace(text))); block != nil {
		der = block.Bytes
	} else {
		decoded, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(text), ""))
		if err != nil {
			return nil, errors.New("the Alipay public key is neither PEM nor Base64")
		}
		der = decoded
	}
	key, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, errors.New("the Alipay public key is not an X.509 SubjectPublicKeyInfo")
	}
	rsaKey, isRSA := key.(*rsa.PublicKey)
	if !isRSA {
		return nil, errors.New("the Alipay public key is not an RSA key")
	}
	return rsaKey, nil
}

// ParseAESKey reads the console's Base64 AES key (16, 24 or 32 bytes once decoded).
func ParseAESKey(text string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil {
		return nil, errors.New("the AES key is not Base64")
	}
	if len(key) != 16 && len(key) != 24 && len(key) != 32 {
		return nil, errors.New("the AES key must decode to 16, 24 or 32 bytes")
	}
	return key, nil
}

// LoadKeys reads alipay-public.txt and aes.txt from a folder laid out like alimock's keys/.
func LoadKeys(dir string) (Keys, error) {
	public, err := os.ReadFile(filepath.Join(dir, "alipay-public.txt"))
	if err != nil {
		return Keys{}, err
	}
	aesText, err := os.ReadFile(filepath.Join(dir, "aes.txt"))
	if err != nil {
		return Keys{}, err
	}
	publicKey, err := ParsePublicKey(string(public))
	if err != nil {
		return Keys{}, err
	}
	aesKey, err := ParseAESKey(string(aesText))
	if err != nil {
		return Keys{}, err
	}
	return Keys{AlipayPublicKey: publicKey, AESKey: aesKey}, nil
}
