package opkit

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
)

// The codec behind the generated MarshalJSON/UnmarshalJSON of the types a user sends back to the
// core (Item, ItemField, ItemSection, Website, ItemFile, FileAttributes, AddressFieldDetails): the
// members a newer core sends that this version does not know are kept as JSON text and written
// back, so a Get and Put round trip loses nothing (docs/adr/0001-wire-types-are-lossless.md).

// marshalKeeping writes known (a struct without these methods) followed by the unknown members.
func marshalKeeping(known any, unknown string) ([]byte, error) {
	data, err := json.Marshal(known)
	if err != nil || unknown == "" {
		return data, err
	}
	body := bytes.TrimSuffix(data, []byte("}"))
	if len(body) > 1 {
		body = append(body, ',')
	}
	return append(append(body, unknown...), '}'), nil
}

// unmarshalKeeping reads data into known (a pointer to a struct without these methods) and keeps
// the members whose key no field of it names, in key order.
func unmarshalKeeping(data []byte, known any, unknown *string) error {
	if err := json.Unmarshal(data, known); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return err
	}
	for _, key := range jsonKeys(reflect.TypeOf(known).Elem()) {
		delete(all, key)
	}
	keys := make([]string, 0, len(all))
	for key := range all {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	var text []byte
	for i, key := range keys {
		if i > 0 {
			text = append(text, ',')
		}
		k, err := json.Marshal(key)
		if err != nil {
			return err
		}
		var value bytes.Buffer
		if err := json.Compact(&value, all[key]); err != nil {
			return err
		}
		text = append(append(append(text, k...), ':'), value.Bytes()...)
	}
	*unknown = string(text)
	return nil
}

// jsonKeys are the member names the exported fields of struct type t read.
func jsonKeys(t reflect.Type) []string {
	keys := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		field := t.Field(i)
		if !field.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
		if name == "" {
			name = field.Name
		}
		keys = append(keys, name)
	}
	return keys
}
