package opkit

import (
	"errors"
	"testing"
)

func TestEveryErrorNameMapsToItsOwnType(t *testing.T) {
	cases := map[string]func(error) bool{
		"ServiceAccountTokenParsing":         func(e error) bool { var x *ServiceAccountTokenParsingError; return errors.As(e, &x) },
		"CustomerManagedSecretParsing":       func(e error) bool { var x *CustomerManagedSecretParsingError; return errors.As(e, &x) },
		"WorkloadKeysetDecryption":           func(e error) bool { var x *WorkloadKeysetDecryptionError; return errors.As(e, &x) },
		"Auth":                               func(e error) bool { var x *AuthError; return errors.As(e, &x) },
		"AuthExpired":                        func(e error) bool { var x *AuthExpiredError; return errors.As(e, &x) },
		"ItemApi":                            func(e error) bool { var x *ItemAPIError; return errors.As(e, &x) },
		"ResolvingSecretReference":           func(e error) bool { var x *ResolvingSecretReferenceError; return errors.As(e, &x) },
		"ParsingSecretReference":             func(e error) bool { var x *ParsingSecretReferenceError; return errors.As(e, &x) },
		"GeneratingPassword":                 func(e error) bool { var x *GeneratingPasswordError; return errors.As(e, &x) },
		"ParsingPrivateKey":                  func(e error) bool { var x *ParsingPrivateKeyError; return errors.As(e, &x) },
		"InvalidConfiguration":               func(e error) bool { var x *InvalidConfigurationError; return errors.As(e, &x) },
		"UpdatingGroupVaultPermissionsError": func(e error) bool { var x *UpdatingGroupVaultPermissionsError; return errors.As(e, &x) },
		"RevokingGroupVaultPermissionsError": func(e error) bool { var x *RevokingGroupVaultPermissionsError; return errors.As(e, &x) },
		"GettingGroup":                       func(e error) bool { var x *GettingGroupError; return errors.As(e, &x) },
		"DesktopSessionExpired":              func(e error) bool { var x *DesktopSessionExpiredError; return errors.As(e, &x) },
		"RateLimitExceeded":                  func(e error) bool { var x *RateLimitExceededError; return errors.As(e, &x) },
		"Internal":                           func(e error) bool { var x *InternalError; return errors.As(e, &x) },
	}
	for name, is := range cases {
		err := errorFromCore(`{"name":"` + name + `","message":"what happened"}`)
		var named Error
		if !is(err) || !errors.As(err, &named) || named.Name() != name || err.Error() != "what happened" {
			t.Errorf("%s: got %T %q", name, err, err)
		}
	}
}

func TestUnknownNamesAndPlainTextStayTyped(t *testing.T) {
	err := errorFromCore(`{"name":"SomethingNew","message":"m"}`)
	var unknown *UnknownError
	if !errors.As(err, &unknown) || unknown.Name() != "SomethingNew" || err.Error() != "m" {
		t.Fatalf("unknown name: %T %v", err, err)
	}
	for _, text := range []string{"expected value at line 1 column 1", `{"name":"Auth"}`, `{"message":"m"}`, `[1]`, ``} {
		err := errorFromCore(text)
		var protocol *ProtocolError
		if !errors.As(err, &protocol) || err.Error() != text {
			t.Errorf("%q: got %T %v", text, err, err)
		}
	}
}

func TestReasonsAreReadLeniently(t *testing.T) {
	for _, c := range []struct{ text, name, reason string }{
		{`{"name":"ItemApi","message":"no such item","reason":"NotFound"}`, "ItemApi", "NotFound"},
		{`{"name":"ItemApi","message":"m"}`, "ItemApi", ""},
		{`{"name":"Internal","message":"m","reason":null}`, "Internal", ""},
		{`{"name":"Auth","message":"m","reason":7}`, "Auth", ""},
		{`{"name":"Auth","message":"m","reason":{"nested":true}}`, "Auth", ""},
		{`{"name":"SomethingNew","message":"m","reason":"SomethingNewer"}`, "SomethingNew", "SomethingNewer"},
	} {
		var named Error
		err := errorFromCore(c.text)
		if !errors.As(err, &named) || named.Name() != c.name || named.Reason() != c.reason || err.Error() != "m" && c.reason != "NotFound" {
			t.Errorf("%s: got %T name %q reason %q", c.text, err, nameOf(err), reasonOf(err))
		}
	}
	var item *ItemAPIError
	if err := errorFromCore(`{"name":"ItemApi","message":"no such item","reason":"NotFound"}`); !errors.As(err, &item) || item.Reason() != "NotFound" || item.Error() != "no such item" {
		t.Fatalf("concrete type: %T %v", err, err)
	}
}

func nameOf(err error) string {
	var named Error
	if errors.As(err, &named) {
		return named.Name()
	}
	return ""
}

func reasonOf(err error) string {
	var named Error
	if errors.As(err, &named) {
		return named.Reason()
	}
	return ""
}
