package opkit

import (
	"encoding/json"
	"fmt"
)

// The codec the generated unions (unions.go) share: {<tag>: <variant>, <key>: <content>}.

func marshalTagged(tagKey, tag, key string, content any) ([]byte, error) {
	k, err := json.Marshal(tagKey)
	if err != nil {
		return nil, err
	}
	t, err := json.Marshal(tag)
	if err != nil {
		return nil, err
	}
	out := append([]byte{'{'}, k...)
	out = append(out, ':')
	out = append(out, t...)
	if content != nil {
		c, err := json.Marshal(content)
		if err != nil {
			return nil, err
		}
		out = append(out, `,"`...)
		out = append(out, key...)
		out = append(out, `":`...)
		out = append(out, c...)
	}
	return append(out, '}'), nil
}

func unmarshalTagged(data []byte, tagKey, key string) (string, json.RawMessage, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return "", nil, err
	}
	var tag string
	if err := json.Unmarshal(raw[tagKey], &tag); err != nil {
		return "", nil, fmt.Errorf("a tagged union needs a string %q: %w", tagKey, err)
	}
	content := raw[key]
	if string(content) == "null" {
		content = nil
	}
	return tag, content, nil
}

// decodeAs decodes raw union content into a *T, keeping absent content absent.
func decodeAs[T any](raw json.RawMessage) (any, error) {
	if raw == nil {
		return nil, nil
	}
	v := new(T)
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, err
	}
	return v, nil
}

// decodeValue decodes raw union content into a T (not a pointer), keeping absent content absent.
func decodeValue[T any](raw json.RawMessage) (any, error) {
	if raw == nil {
		return nil, nil
	}
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	return v, nil
}

// decodeMessageOrRaw keeps a string message as ErrorMessage and anything else raw.
func decodeMessageOrRaw(raw json.RawMessage) (any, error) {
	if raw == nil {
		return nil, nil
	}
	var m ErrorMessage
	if err := json.Unmarshal(raw, &m); err == nil {
		return m, nil
	}
	return raw, nil
}

func keepRaw(raw json.RawMessage) (any, error) {
	if raw == nil {
		return nil, nil
	}
	return raw, nil
}

func messageOf(content any) ErrorMessage {
	m, _ := content.(ErrorMessage)
	return m
}
