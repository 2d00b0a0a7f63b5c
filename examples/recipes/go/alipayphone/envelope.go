package alipayphone

import (
	"encoding/json"
	"regexp"
)

// Envelope is res.response parsed; nothing in it is trusted yet.
type Envelope struct {
	// Content is the ciphertext (encrypted) or the plaintext JSON (a plain response).
	Content string
	// Encrypted is the official rule: response is a string that does not start with "{".
	Encrypted bool
	// SignedText is exactly what Alipay signs: the raw text of the response value as it appears in the envelope
	// (with its quotes when it is a string).
	SignedText []byte
	// Sign is nil when the envelope has no sign at all.
	Sign     *string
	SignType string
}

var utf8Charset = regexp.MustCompile(`(?i)^utf-?8$`)

func optionalString(m map[string]json.RawMessage, key string) (*string, bool) {
	raw, present := m[key]
	if !present {
		return nil, true
	}
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return nil, false
	}
	return &s, true
}

// ParseEnvelope checks the envelope's structure and types. Every problem is BAD_REQUEST.
func ParseEnvelope(text string) (*Envelope, *Error) {
	list, ok := TopLevelMembers([]byte(text))
	if !ok {
		return nil, fail(BadRequest, "encryptedData must be one JSON object without duplicate members: forward res.response unchanged")
	}
	members := map[string]json.RawMessage{}
	for _, m := range list {
		members[m.Key] = m.Raw
	}
	raw, present := members["response"]
	if !present {
		return nil, fail(BadRequest, `the envelope has no "response" member`)
	}
	env := &Envelope{SignedText: raw, SignType: "RSA2"}
	switch raw[0] {
	case '"':
		if err := json.Unmarshal(raw, &env.Content); err != nil || env.Content == "" {
			return nil, fail(BadRequest, `the envelope's "response" is empty`)
		}
		env.Encrypted = env.Content[0] != '{'
	case '{':
		env.Content = string(raw)
	default:
		return nil, fail(BadRequest, `the envelope's "response" must be a string or an object`)
	}
	var fine bool
	if env.Sign, fine = optionalString(members, "sign"); !fine {
		return nil, fail(BadRequest, `the envelope's "sign" must be a string`)
	}
	signType, fine := optionalString(members, "sign_type")
	if !fine || (signType != nil && *signType != "RSA2" && *signType != "RSA") {
		return nil, fail(BadRequest, "unsupported sign_type (RSA2 or RSA expected)")
	}
	if signType != nil {
		env.SignType = *signType
	}
	if encryptType, fine := optionalString(members, "encrypt_type"); !fine || (encryptType != nil && *encryptType != "AES") {
		return nil, fail(BadRequest, "unsupported encrypt_type (AES expected)")
	}
	if charset, fine := optionalString(members, "charset"); !fine || (charset != nil && !utf8Charset.MatchString(*charset)) {
		return nil, fail(BadRequest, "unsupported charset (UTF-8 expected)")
	}
	return env, nil
}
