package opkit

import (
	"errors"
	"testing"
)

// FuzzCoreBoundary throws arbitrary bytes at every export of the C ABI. Whatever comes in (not
// JSON, not UTF-8, huge numbers, unknown clients), the call must return, and a failure must be a
// typed error with text: never a crash, a hang or an untyped error.
func FuzzCoreBoundary(f *testing.F) {
	seeds := []string{
		``, `{}`, `hello`, "\xff\xfe", `"4000000000"`, `18446744073709551615`, `-1`,
		`{"invocation":{"parameters":{"name":"GeneratePassword","parameters":{"recipe":{"type":"Pin","parameters":{"length":6}}}}}}`,
		`{"invocation":{"parameters":{"name":"GeneratePassword","parameters":{"recipe":{"type":"Random","parameters":{"length":4294967295,"includeDigits":true,"includeSymbols":true}}}}}}`,
		`{"invocation":{"parameters":{"name":"ValidateSecretReference","parameters":{"secret_reference":"op://v/i/s/f?attribute=totp"}}}}`,
		`{"invocation":{"clientId":0,"parameters":{"name":"SecretsResolve","parameters":{"secret_reference":"op://v/i/f"}}}}`,
		`{"invocation":{"clientId":1,"parameters":{"name":"ItemsCreate","parameters":{"params":{"category":"Login","vaultId":"v","title":"t"}}}}}`,
		`{"serviceAccountToken":"ops_eyJ2IjoxfQ","programmingLanguage":"Go","sdkVersion":"0","integrationName":"f","integrationVersion":"1","requestLibraryName":"x","requestLibraryVersion":"x","os":"linux","osVersion":"0","architecture":"x"}`,
	}
	for _, s := range seeds {
		for fn := range 4 {
			f.Add(uint8(fn), []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, fn uint8, input []byte) {
		text, err := callCore(export(fn%4), input)
		if err == nil {
			_ = text
			return
		}
		var named Error
		var protocol *ProtocolError
		if !errors.As(err, &named) && !errors.As(err, &protocol) {
			t.Fatalf("untyped error %T: %v", err, err)
		}
		if err.Error() == "" {
			t.Fatalf("an error without text (%T)", err)
		}
	})
}
