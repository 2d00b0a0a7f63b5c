package alipayphone

import (
	"bytes"
	"encoding/json"
	"io"
)

// Member is one top-level member of a JSON object, with its value's raw bytes exactly as they appear.
type Member struct {
	Key string
	Raw json.RawMessage
}

// TopLevelMembers reads a JSON object and returns its members in order. It refuses anything that is not exactly one
// JSON object, and duplicate keys: a parser keeping the last duplicate and a check reading the first would disagree.
func TopLevelMembers(text []byte) ([]Member, bool) {
	dec := json.NewDecoder(bytes.NewReader(text))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	var members []Member
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		key, isKey := tok.(string)
		if err != nil || !isKey || seen[key] {
			return nil, false
		}
		seen[key] = true
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, false
		}
		members = append(members, Member{Key: key, Raw: raw})
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false // trailing data after the object
	}
	return members, true
}
