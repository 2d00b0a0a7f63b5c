// A tiny backend on alimock's default contract: POST /api/alipay/phone {"encryptedData": "<res.response>"} →
// 200 {"mobile"} or non-2xx {"error": {"code", "message"}}; GET /healthz → 200.
// Usage: backend <port> <keys dir>
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"unicode/utf8"

	"alimock.example/recipe/alipayphone"
)

const maxBody = 1 << 20

func writeJSON(w http.ResponseWriter, status int, body interface{}) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	if code == alipayphone.AlipayBusy {
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, status, map[string]interface{}{"error": map[string]string{"code": code, "message": message}})
}

// encryptedData reads {"encryptedData": "<non-empty string>"} (one object, no duplicate members) or reports why not.
func encryptedData(body []byte) (string, bool) {
	if !utf8.Valid(body) {
		return "", false
	}
	members, ok := alipayphone.TopLevelMembers(body)
	if !ok {
		return "", false
	}
	for _, m := range members {
		var value string
		if m.Key == "encryptedData" && len(m.Raw) > 0 && m.Raw[0] == '"' && json.Unmarshal(m.Raw, &value) == nil && value != "" {
			return value, true
		}
	}
	return "", false
}

func phone(keys alipayphone.Keys) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			writeError(w, 405, "BAD_REQUEST", "use POST")
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, 413, alipayphone.BadRequest, "request body too large")
			return
		}
		data, ok := encryptedData(body)
		if err != nil || !ok {
			writeError(w, 400, alipayphone.BadRequest, `send JSON { "encryptedData": "<res.response string, unchanged>" }`)
			return
		}
		mobile, refusal := alipayphone.PhoneNumber(data, keys)
		if refusal != nil {
			writeError(w, alipayphone.HTTPStatus(refusal.Code), refusal.Code, refusal.Message)
			return
		}
		writeJSON(w, 200, map[string]string{"mobile": mobile})
	}
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: backend <port> <keys dir>")
		os.Exit(2)
	}
	keys, err := alipayphone.LoadKeys(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "backend:", err)
		os.Exit(2)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, map[string]bool{"ok": true}) })
	mux.HandleFunc("/api/alipay/phone", phone(keys))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, 404, "NOT_FOUND", "POST /api/alipay/phone or GET /healthz")
	})
	address := "127.0.0.1:" + os.Args[1]
	fmt.Println("go recipe backend listening on http://" + address)
	if err := http.ListenAndServe(address, mux); err != nil {
		fmt.Fprintln(os.Stderr, "backend:", err)
		os.Exit(1)
	}
}
