package opkit

import (
	"encoding/json"
	"testing"
)

func roundTrip[T any](t *testing.T, in T, want string) T {
	t.Helper()
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != want {
		t.Fatalf("marshal: %s, want %s", data, want)
	}
	var out T
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(out)
	if string(again) != want {
		t.Fatalf("round trip: %s, want %s", again, want)
	}
	return out
}

func TestUnionsMatchTheWireShapes(t *testing.T) {
	r := roundTrip(t, NewPasswordRecipeTypeVariantPin(&PasswordRecipePinInner{Length: 6}), `{"type":"Pin","parameters":{"length":6}}`)
	if r.Pin() == nil || r.Pin().Length != 6 || r.Random() != nil || r.Memorable() != nil {
		t.Fatalf("pin accessors: %+v", r)
	}
	m := roundTrip(t, NewPasswordRecipeTypeVariantMemorable(&PasswordRecipeMemorableInner{SeparatorType: SeparatorTypeDigitsAndSymbols, WordListType: WordListTypeThreeLetters, WordCount: 4}),
		`{"type":"Memorable","parameters":{"separatorType":"digitsAndSymbols","capitalize":false,"wordListType":"threeLetters","wordCount":4}}`)
	if m.Memorable() == nil || m.Memorable().WordCount != 4 {
		t.Fatalf("memorable: %+v", m)
	}
	roundTrip(t, NewPasswordRecipeTypeVariantRandom(&PasswordRecipeRandomInner{IncludeDigits: true, Length: 9}), `{"type":"Random","parameters":{"includeDigits":true,"includeSymbols":false,"length":9}}`)

	d := roundTrip(t, NewItemFieldDetailsTypeVariantOTP(&OTPFieldDetails{Code: ptr("123456")}), `{"type":"Otp","content":{"code":"123456"}}`)
	if d.OTP() == nil || *d.OTP().Code != "123456" || d.SSHKey() != nil || d.Address() != nil {
		t.Fatalf("otp: %+v", d)
	}
	s := roundTrip(t, NewItemFieldDetailsTypeVariantSSHKey(&SSHKeyAttributes{PublicKey: "p", Fingerprint: "f", KeyType: "Ed25519"}),
		`{"type":"SshKey","content":{"publicKey":"p","fingerprint":"f","keyType":"Ed25519"}}`)
	if s.SSHKey().KeyType != "Ed25519" {
		t.Fatalf("ssh: %+v", s)
	}
	roundTrip(t, NewItemFieldDetailsTypeVariantSSHKey(nil), `{"type":"SshKey"}`)
	a := roundTrip(t, NewItemFieldDetailsTypeVariantAddress(&AddressFieldDetails{Street: "1 Main", City: "X", Country: "us", Zip: "1", State: "CA"}),
		`{"type":"Address","content":{"street":"1 Main","city":"X","country":"us","zip":"1","state":"CA"}}`)
	if a.Address().City != "X" {
		t.Fatalf("address: %+v", a)
	}
	f := roundTrip(t, NewItemListFilterTypeVariantByState(&ItemListFilterByStateInner{Active: true}), `{"type":"ByState","content":{"active":true,"archived":false}}`)
	if f.ByState() == nil || !f.ByState().Active {
		t.Fatalf("filter: %+v", f)
	}
	e := roundTrip(t, NewValidRecipientTypeVariantEmail(&ValidRecipientEmailInner{Email: "a@b.c"}), `{"type":"Email","parameters":{"email":"a@b.c"}}`)
	if e.Email().Email != "a@b.c" || e.Domain() != nil {
		t.Fatalf("email: %+v", e)
	}
	roundTrip(t, NewValidRecipientTypeVariantDomain(&ValidRecipientDomainInner{Domain: "b.c"}), `{"type":"Domain","parameters":{"domain":"b.c"}}`)
}

func TestErrorUnionsCarryTheirMessages(t *testing.T) {
	v := roundTrip(t, NewItemUpdateFailureReasonTypeVariantItemValidationError("bad date"), `{"type":"itemValidationError","message":"bad date"}`)
	if v.ItemValidationError() != "bad date" || v.Internal() != "" {
		t.Fatalf("%+v", v)
	}
	for _, c := range []struct {
		in   ItemUpdateFailureReason
		want string
	}{
		{NewItemUpdateFailureReasonTypeVariantItemStatusPermissionError(), `{"type":"itemStatusPermissionError"}`},
		{NewItemUpdateFailureReasonTypeVariantItemStatusIncorrectItemVersion(), `{"type":"itemStatusIncorrectItemVersion"}`},
		{NewItemUpdateFailureReasonTypeVariantItemStatusFileNotFound(), `{"type":"itemStatusFileNotFound"}`},
		{NewItemUpdateFailureReasonTypeVariantItemStatusTooBig(), `{"type":"itemStatusTooBig"}`},
		{NewItemUpdateFailureReasonTypeVariantItemNotFound(), `{"type":"itemNotFound"}`},
		{NewItemUpdateFailureReasonTypeVariantInternal("x"), `{"type":"internal","message":"x"}`},
	} {
		roundTrip(t, c.in, c.want)
	}
	g := roundTrip(t, NewItemsGetAllErrorTypeVariantInternal("boom"), `{"type":"internal","message":"boom"}`)
	if g.Internal() != "boom" {
		t.Fatalf("%+v", g)
	}
	roundTrip(t, NewItemsGetAllErrorTypeVariantItemNotFound(), `{"type":"itemNotFound"}`)
	p := roundTrip(t, NewResolveReferenceErrorTypeVariantParsing("no"), `{"type":"parsing","message":"no"}`)
	if p.Parsing() != "no" || p.UnableToGenerateTOTPCode() != "" {
		t.Fatalf("%+v", p)
	}
	u := roundTrip(t, NewResolveReferenceErrorTypeVariantUnableToGenerateTOTPCode("seed"), `{"type":"unableToGenerateTotpCode","message":"seed"}`)
	if u.UnableToGenerateTOTPCode() != "seed" {
		t.Fatalf("%+v", u)
	}
	for _, c := range []struct {
		in   ResolveReferenceError
		want string
	}{
		{NewResolveReferenceErrorTypeVariantFieldNotFound(), "fieldNotFound"},
		{NewResolveReferenceErrorTypeVariantVaultNotFound(), "vaultNotFound"},
		{NewResolveReferenceErrorTypeVariantTooManyVaults(), "tooManyVaults"},
		{NewResolveReferenceErrorTypeVariantItemNotFound(), "itemNotFound"},
		{NewResolveReferenceErrorTypeVariantTooManyItems(), "tooManyItems"},
		{NewResolveReferenceErrorTypeVariantTooManyMatchingFields(), "tooManyMatchingFields"},
		{NewResolveReferenceErrorTypeVariantNoMatchingSections(), "noMatchingSections"},
		{NewResolveReferenceErrorTypeVariantIncompatibleTOTPQueryParameterField(), "incompatibleTOTPQueryParameterField"},
		{NewResolveReferenceErrorTypeVariantSSHKeyMetadataNotFound(), "sSHKeyMetadataNotFound"},
		{NewResolveReferenceErrorTypeVariantUnsupportedFileFormat(), "unsupportedFileFormat"},
		{NewResolveReferenceErrorTypeVariantIncompatibleSSHKeyQueryParameterField(), "incompatibleSshKeyQueryParameterField"},
		{NewResolveReferenceErrorTypeVariantUnableToParsePrivateKey(), "unableToParsePrivateKey"},
		{NewResolveReferenceErrorTypeVariantUnableToFormatPrivateKeyToOpenSSH(), "unableToFormatPrivateKeyToOpenSsh"},
		{NewResolveReferenceErrorTypeVariantOther(), "other"},
	} {
		roundTrip(t, c.in, `{"type":"`+c.want+`"}`)
	}
}

func TestUnknownVariantsSurviveARoundTrip(t *testing.T) {
	in := `{"type":"Passkey","content":{"rpId":"example.com"}}`
	var d ItemFieldDetails
	if err := json.Unmarshal([]byte(in), &d); err != nil {
		t.Fatal(err)
	}
	if d.Type != "Passkey" || d.OTP() != nil {
		t.Fatalf("%+v", d)
	}
	if out, _ := json.Marshal(d); string(out) != in {
		t.Fatalf("got %s", out)
	}
	var bad PasswordRecipe
	if err := json.Unmarshal([]byte(`{"type":3}`), &bad); err == nil {
		t.Fatal("a non-string tag was accepted")
	}
}

func TestBinaryContentGoesAsBase64AndComesBackFromArrays(t *testing.T) {
	data, _ := json.Marshal(DocumentCreateParams{Name: "d", Content: []byte("hi")})
	if string(data) != `{"name":"d","content":"aGk="}` {
		t.Fatalf("got %s", data)
	}
	// The core answers ItemsFilesRead with an array of byte values.
	got, err := decode[[]byte]("[104,105]", nil)
	if err != nil || string(got) != "hi" {
		t.Fatalf("got %q %v", got, err)
	}
}
