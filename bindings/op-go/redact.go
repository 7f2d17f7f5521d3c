package opkit

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
)

// The printing behind the generated Format methods of every type that can hold a secret: the
// shape fmt gives a struct ({a b}, {A:a B:b}, opkit.T{A:"a", B:"b"}), with each secret member
// that is set replaced by [REDACTED]. Members are printed with the caller's verb and flags, so a
// member of a secret-holding type redacts through its own Format.

const redacted = "[REDACTED]"

// formatStruct prints the exported members of the struct v, redacting the members named in secret.
func formatStruct(f fmt.State, verb rune, v any, secret ...string) {
	rv := reflect.ValueOf(v)
	rt := rv.Type()
	members := make([]member, 0, rt.NumField())
	for i := range rt.NumField() {
		field := rt.Field(i)
		if !field.IsExported() {
			continue
		}
		value := rv.Field(i)
		members = append(members, member{
			name:   field.Name,
			value:  value.Interface(),
			secret: slices.Contains(secret, field.Name) && !value.IsZero(),
		})
	}
	writeMembers(f, verb, rt.String(), members)
}

// formatUnion prints a union as its tag and content; content this package could not decode (a
// newer variant, kept raw) is redacted, since it may hold anything.
func formatUnion(f fmt.State, verb rune, name, tag string, content any) {
	_, raw := content.(json.RawMessage)
	writeMembers(f, verb, "opkit."+name, []member{
		{name: "Type", value: tag},
		{name: "content", value: content, secret: raw},
	})
}

type member struct {
	name   string
	value  any
	secret bool
}

func writeMembers(f fmt.State, verb rune, typeName string, members []member) {
	goSyntax := verb == 'v' && f.Flag('#')
	named := goSyntax || (verb == 'v' && f.Flag('+'))
	separator := " "
	if goSyntax {
		_, _ = io.WriteString(f, typeName)
		separator = ", "
	}
	directive := fmt.FormatString(f, verb)
	_, _ = io.WriteString(f, "{")
	for i, m := range members {
		if i > 0 {
			_, _ = io.WriteString(f, separator)
		}
		if named {
			_, _ = io.WriteString(f, m.name+":")
		}
		switch {
		case m.secret && goSyntax:
			_, _ = io.WriteString(f, `"`+redacted+`"`)
		case m.secret:
			_, _ = io.WriteString(f, redacted)
		default:
			_, _ = fmt.Fprintf(f, directive, m.value)
		}
	}
	_, _ = io.WriteString(f, "}")
}
