package alipayphone

import (
	"encoding/json"
	"strings"
)

// alipayCodes: Alipay's error codes for my.getPhoneNumber and the contract's answer to each.
var alipayCodes = map[string]*Error{
	"20000": {AlipayBusy, "Alipay is busy (20000): retry later"},
	"40001": {AlipayMisconfigured, "Alipay reports missing arguments (40001): set the sign type, Alipay public key, app gateway and AES key"},
	"40002": {AlipayMisconfigured, "Alipay reports an encryption error (40002): check the AES key"},
	"40003": {AuthRequired, "no valid authorisation (40003): ask the user again through the getAuthorize button"},
	"40006": {IsvPermissionDenied, "insufficient ISV permissions (40006): add the phone-number feature package and get the scope approved"},
}

var unknownResult = &Error{AlipayMisconfigured, "Alipay returned an unexpected result: check the app configuration"}

// Interpret reads the decrypted plaintext: 10000 with a mobile is the number; every other code is an error.
// A payload that verifies and decrypts can still carry 40003 or 40006: the code must be checked.
func Interpret(plaintext string) (string, *Error) {
	var payload map[string]interface{}
	if err := json.Unmarshal([]byte(plaintext), &payload); err != nil || payload == nil {
		return "", fail(DecryptFailed, "the decrypted payload is not the expected JSON object")
	}
	code, _ := payload["code"].(string)
	if code != "10000" {
		if mapped, known := alipayCodes[code]; known {
			return "", mapped
		}
		return "", unknownResult
	}
	mobile, present := payload["mobile"]
	if !present || mobile == nil {
		return "", fail(NoMobileBound, "this Alipay account has no bound mobile number")
	}
	text, isString := mobile.(string)
	if !isString {
		return "", unknownResult
	}
	if strings.TrimSpace(text) == "" {
		return "", fail(NoMobileBound, "this Alipay account has no bound mobile number")
	}
	return text, nil
}
