// Package alipayphone turns the string my.getPhoneNumber returns (res.response) into a phone number or a
// contract error: verify the signature first, then decrypt, then read Alipay's code. Standard library only.
package alipayphone

// Contract error codes (alimock's default contract).
const (
	AuthRequired        = "AUTH_REQUIRED"
	IsvPermissionDenied = "ISV_PERMISSION_DENIED"
	AlipayMisconfigured = "ALIPAY_MISCONFIGURED"
	AlipayBusy          = "ALIPAY_BUSY"
	NoMobileBound       = "NO_MOBILE_BOUND"
	SignatureMissing    = "SIGNATURE_MISSING"
	SignatureInvalid    = "SIGNATURE_INVALID"
	DecryptFailed       = "DECRYPT_FAILED"
	BadRequest          = "BAD_REQUEST"
)

// Error is a refusal: a contract code and a message that is safe to show (it never holds the phone number).
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

func fail(code, message string) *Error { return &Error{Code: code, Message: message} }

// HTTPStatus is the status the default contract uses for a code.
func HTTPStatus(code string) int {
	switch code {
	case AuthRequired:
		return 403
	case IsvPermissionDenied, AlipayMisconfigured:
		return 502
	case AlipayBusy:
		return 503
	case NoMobileBound:
		return 422
	default:
		return 400
	}
}
