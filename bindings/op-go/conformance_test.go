package opkit

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestConformance replays tests/conformance/cases.json (see its README) through the C ABI and
// this package's error mapping: an expected error name must arrive as the typed error of that
// name, a plain-text error as a ProtocolError.
func TestConformance(t *testing.T) {
	f := env(t)
	var cases []struct {
		Name  string           `json:"name"`
		Steps []map[string]any `json:"steps"`
	}
	readJSON(t, "tests/conformance/cases.json", &cases)
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	exports := map[string]export{
		"init_client": exportInitClient, "invoke": exportInvoke,
		"invoke_sync": exportInvokeSync, "release_client": exportReleaseClient,
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			vars := map[string]any{
				"writer_token": f.confWriter, "reader_token": f.confReader, "vault_id": f.confVault,
				"group_id": f.confGroup, "environment_id": f.confEnv,
			}
			for i, step := range c.Steps {
				fnName, _ := step["fn"].(string)
				fn, known := exports[fnName]
				if !known {
					t.Fatalf("step %d: unknown fn %q", i, fnName)
				}
				var input string
				if raw, ok := step["raw"].(string); ok {
					input = raw
				} else {
					arg := substitute(step["arg"], vars)
					if s, ok := arg.(string); ok {
						input = s
					} else {
						data, err := json.Marshal(arg)
						if err != nil {
							t.Fatal(err)
						}
						input = string(data)
					}
				}
				text, err := callCore(fn, []byte(input))
				expect, _ := step["expect"].(map[string]any)
				if why := verdict(text, err, expect); why != "" {
					t.Fatalf("step %d (%s): %s", i, fnName, why)
				}
				got := parseResult(text)
				if keys, ok := step["expect_keys"].([]any); ok {
					obj, _ := got.(map[string]any)
					for _, k := range keys {
						if _, ok := obj[k.(string)]; !ok {
							t.Fatalf("step %d: result lacks key %v: %s", i, k, text)
						}
					}
				}
				if saves, ok := step["save"].(map[string]any); ok {
					for name, p := range saves {
						v, ok := pointer(got, p.(string))
						if !ok {
							t.Fatalf("step %d: no %v in %s", i, p, text)
						}
						vars[name] = v
					}
				}
			}
		})
	}
}

func verdict(text string, err error, expect map[string]any) string {
	if want, ok := expect["ok"]; ok {
		if err != nil {
			return "expected success, got " + err.Error()
		}
		if want == true || reflect.DeepEqual(normalise(want), parseResult(text)) {
			return ""
		}
		return "expected " + jsonText(want) + ", got " + text
	}
	if want, ok := expect["error"].(string); ok {
		var named Error
		if errors.As(err, &named) && named.Name() == want && err.Error() != "" {
			return ""
		}
		return "expected error " + want + ", got " + describe(err)
	}
	if prefix, ok := expect["text_prefix"].(string); ok {
		var protocol *ProtocolError
		if errors.As(err, &protocol) && strings.HasPrefix(err.Error(), prefix) {
			return ""
		}
		return "expected plain text " + strconv.Quote(prefix) + ", got " + describe(err)
	}
	return "unknown expectation " + jsonText(expect)
}

func describe(err error) string {
	if err == nil {
		return "success"
	}
	return reflect.TypeOf(err).String() + ": " + err.Error()
}

func substitute(v any, vars map[string]any) any {
	switch x := v.(type) {
	case string:
		if strings.HasPrefix(x, "{{") && strings.HasSuffix(x, "}}") {
			if val, ok := vars[x[2:len(x)-2]]; ok {
				return val
			}
		}
		for name, val := range vars {
			text, ok := val.(string)
			if !ok {
				text = jsonText(val)
			}
			x = strings.ReplaceAll(x, "{{"+name+"}}", text)
		}
		return x
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = substitute(e, vars)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = substitute(e, vars)
		}
		return out
	default:
		return v
	}
}

// parseResult reads a result as JSON with numbers kept exact; "" is the unit result.
func parseResult(text string) any {
	if text == "" {
		return ""
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return text
	}
	return v
}

func normalise(v any) any { return parseResult(jsonText(v)) }

func jsonText(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}

// pointer follows an RFC 6901 JSON pointer ("" is the whole value).
func pointer(v any, p string) (any, bool) {
	if p == "" {
		return v, true
	}
	for _, token := range strings.Split(p[1:], "/") {
		token = strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[token]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(token)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}
