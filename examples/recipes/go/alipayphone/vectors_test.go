package alipayphone

import (
	"encoding/json"
	"os"
	"testing"
)

// The vectors file: `npx alimock vectors --out DIR` writes DIR/vectors.json. VECTORS names it.
type vectorFile struct {
	Keys struct {
		AlipayPublicKey string `json:"alipayPublicKey"`
		AESKey          string `json:"aesKey"`
	} `json:"keys"`
	Vectors []struct {
		ID       string `json:"id"`
		Envelope string `json:"envelope"`
		Expect   struct {
			Verdict string   `json:"verdict"`
			Mobile  string   `json:"mobile"`
			Codes   []string `json:"codes"`
		} `json:"expect"`
	} `json:"vectors"`
}

func TestVectors(t *testing.T) {
	path := os.Getenv("VECTORS")
	if path == "" {
		t.Skip("set VECTORS to the path of vectors.json (npx alimock vectors --out DIR)")
	}
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var file vectorFile
	if err := json.Unmarshal(text, &file); err != nil {
		t.Fatal(err)
	}
	publicKey, err := ParsePublicKey(file.Keys.AlipayPublicKey)
	if err != nil {
		t.Fatal(err)
	}
	aesKey, err := ParseAESKey(file.Keys.AESKey)
	if err != nil {
		t.Fatal(err)
	}
	keys := Keys{AlipayPublicKey: publicKey, AESKey: aesKey}
	if len(file.Vectors) == 0 {
		t.Fatal("no vectors")
	}
	for _, v := range file.Vectors {
		mobile, refusal := PhoneNumber(v.Envelope, keys)
		switch {
		case v.Expect.Verdict == "accepted" && refusal != nil:
			t.Errorf("%s: expected mobile %s, got %s", v.ID, v.Expect.Mobile, refusal.Code)
		case v.Expect.Verdict == "accepted" && mobile != v.Expect.Mobile:
			t.Errorf("%s: expected mobile %s, got %s", v.ID, v.Expect.Mobile, mobile)
		case v.Expect.Verdict == "rejected" && refusal == nil:
			t.Errorf("%s: expected one of %v, got mobile %s", v.ID, v.Expect.Codes, mobile)
		case v.Expect.Verdict == "rejected" && !contains(v.Expect.Codes, refusal.Code):
			t.Errorf("%s: expected one of %v, got %s", v.ID, v.Expect.Codes, refusal.Code)
		}
	}
}

func contains(list []string, s string) bool {
	for _, item := range list {
		if item == s {
			return true
		}
	}
	return false
}
