package alipayphone

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha1" // #nosec G505 -- sign_type "RSA" is SHA1withRSA by Alipay's definition
	"crypto/sha256"
	"encoding/base64"
	"regexp"
)

// strictBase64: the standard alphabet, whole quanta, correct padding; nothing else. (encoding/base64 skips \r and
// \n, and lenient decoders elsewhere skip any stray character: such text is not Alipay's signature.)
var strictBase64 = regexp.MustCompile(`^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$`)

// Verify checks sign over the exact signed text with Alipay's public key, before anything is decrypted.
// RSA2 = SHA256withRSA (also when sign_type is absent), RSA = SHA1withRSA. A missing sign is SIGNATURE_MISSING.
func Verify(env *Envelope, alipayPublicKey *rsa.PublicKey) *Error {
	if env.Sign == nil {
		return fail(SignatureMissing, "the payload has no sign: set the Alipay public key, the AES key and the app gateway in the console")
	}
	invalid := fail(SignatureInvalid, "the signature does not verify with the Alipay public key")
	if !strictBase64.MatchString(*env.Sign) {
		return invalid
	}
	signature, err := base64.StdEncoding.DecodeString(*env.Sign)
	if err != nil {
		return invalid
	}
	hash, digest := crypto.SHA256, sha256Sum(env.SignedText)
	if env.SignType == "RSA" {
		hash, digest = crypto.SHA1, sha1Sum(env.SignedText)
	}
	if rsa.VerifyPKCS1v15(alipayPublicKey, hash, digest, signature) != nil {
		return invalid
	}
	return nil
}

func sha256Sum(b []byte) []byte { d := sha256.Sum256(b); return d[:] }
func sha1Sum(b []byte) []byte   { d := sha1.Sum(b); return d[:] }
