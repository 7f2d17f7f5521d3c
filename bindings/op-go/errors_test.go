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
