package opkit

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// printings is every way fmt can print v.
func printings(v any) map[string]string {
	out := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%10v"} {
		out[verb] = fmt.Sprintf(verb, v)
	}
	out["Sprint"] = fmt.Sprint(v)
	out["Sprintln"] = fmt.Sprintln(v)
	if s, ok := v.(fmt.Stringer); ok {
		out["String()"] = s.String()
	}
	if g, ok := v.(fmt.GoStringer); ok {
		out["GoString()"] = g.GoString()
	}
	return out
}

func fmtAll(v any) string {
	var all []string
	for _, text := range printings(v) {
		all = append(all, text)
	}
	return strings.Join(all, "\n")
}

func assertRedacted(t *testing.T, what string, v any, secrets []string, shown []string) {
	t.Helper()
	for how, text := range printings(v) {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s printed with %s shows the secret %q: %s", what, how, s, text)
			}
		}
		if how == "%x" || how == "%q" {
			continue
		}
		for _, s := range shown {
			if !strings.Contains(text, s) {
				t.Errorf("%s printed with %s lacks %q: %s", what, how, s, text)
			}
		}
	}
}

func TestPrintedItemsShowNoSecret(t *testing.T) {
	f := env(t)
	ctx := context.Background()
	const password, notes, seed, fileText = "hunter2-pw-value", "the-notes-are-secret", "JBSWY3DPEHPK3PXP", "file-content-secret"
	params := ItemCreateParams{
		Category: ItemCategoryLogin, VaultID: f.goVault, Title: "Printed Login",
		Fields: []ItemField{
			{ID: "username", Title: "username", FieldType: ItemFieldTypeText, Value: "alice"},
			{ID: "password", Title: "password", FieldType: ItemFieldTypeConcealed, Value: password},
			{ID: "otp", Title: "one-time password", FieldType: ItemFieldTypeTOTP, Value: seed},
		},
		Sections: []ItemSection{{ID: "docs", Title: "Documents"}},
		Notes:    ptr(notes),
		Files:    []FileCreateParams{{Name: "f.txt", Content: []byte(fileText), SectionID: "docs", FieldID: "f"}},
	}
	assertRedacted(t, "ItemCreateParams", params, []string{password, notes, seed, fileText, fmt.Sprint([]byte(fileText))}, []string{"Printed Login", "username", "f.txt"})
	item, err := f.writerClient.Items().Create(ctx, params)
	if err != nil {
		t.Fatal(err)
	}
	var code string
	for _, field := range item.Fields {
		if field.Details != nil && field.Details.OTP() != nil && field.Details.OTP().Code != nil {
			code = *field.Details.OTP().Code
		}
	}
	if len(code) < 6 {
		t.Fatalf("the TOTP field has no code: %+v", item.Fields)
	}
	secrets := []string{password, notes, seed, code, "alice"}
	shown := []string{"Printed Login", item.ID, f.goVault, "username", "one-time password"}
	assertRedacted(t, "Item", item, secrets, shown)
	assertRedacted(t, "*Item", &item, secrets, shown)
	assertRedacted(t, "[]ItemField", item.Fields, append(secrets, "alice"), []string{"one-time password"})
	for _, field := range item.Fields {
		if field.Details != nil {
			assertRedacted(t, "ItemFieldDetails", *field.Details, []string{code}, []string{"Otp"})
		}
	}

	all, err := f.writerClient.Items().GetAll(ctx, f.goVault, []string{item.ID})
	if err != nil {
		t.Fatal(err)
	}
	assertRedacted(t, "ItemsGetAllResponse", all, secrets, []string{"Printed Login"})
	ref := "op://" + f.goVault + "/Printed Login/password"
	resolved, err := f.writerClient.Secrets().ResolveAll(ctx, []string{ref})
	if err != nil {
		t.Fatal(err)
	}
	if got := resolved.IndividualResponses[ref].Content; got == nil || got.Secret != password {
		t.Fatalf("resolve all: %+v", resolved)
	}
	assertRedacted(t, "ResolveAllResponse", resolved, []string{password}, []string{item.ID})
	generated, err := Secrets.GeneratePassword(ctx, NewPasswordRecipeTypeVariantRandom(&PasswordRecipeRandomInner{Length: 30, IncludeDigits: true}))
	if err != nil {
		t.Fatal(err)
	}
	assertRedacted(t, "GeneratePasswordResponse", generated, []string{generated.Password}, nil)
	vars := GetVariablesResponse{Variables: []EnvironmentVariable{{Name: "API_KEY", Value: "env-secret-value", Masked: true}}}
	assertRedacted(t, "GetVariablesResponse", vars, []string{"env-secret-value"}, []string{"API_KEY"})
	// A variant this package does not know may hold anything: its raw content is redacted.
	var details ItemFieldDetails
	if err := details.UnmarshalJSON([]byte(`{"type":"Passkey","content":{"privateKey":"newer-secret"}}`)); err != nil {
		t.Fatal(err)
	}
	assertRedacted(t, "an unknown ItemFieldDetails", details, []string{"newer-secret"}, []string{"Passkey"})
	// Types without secrets print as fmt always printed them.
	if got := fmt.Sprintf("%+v", ItemSection{ID: "s", Title: "t"}); got != "{ID:s Title:t}" {
		t.Fatalf("ItemSection: %s", got)
	}
	username := ItemField{ID: "username", Title: "username", FieldType: ItemFieldTypeText, Value: "alice"}
	if got, want := fmt.Sprintf("%+v", username), "{ID:username Title:username SectionID:<nil> FieldType:Text Value:[REDACTED] Details:<nil>}"; got != want {
		t.Fatalf("ItemField %%+v: %s, want %s", got, want)
	}
	if got, want := fmt.Sprintf("%#v", ItemField{ID: "x", Value: "v"}), `opkit.ItemField{ID:"x", Title:"", SectionID:(*string)(nil), FieldType:"", Value:"[REDACTED]", Details:<nil>}`; got != want {
		t.Fatalf("ItemField %%#v: %s, want %s", got, want)
	}
}

func TestCoreErrorsCarryTheirReason(t *testing.T) {
	f := env(t)
	_, err := f.writerClient.Items().Get(context.Background(), f.goVault, "no-such-item")
	var item *ItemAPIError
	if !errors.As(err, &item) {
		t.Fatalf("got %T %v", err, err)
	}
	if item.Reason() == "" {
		t.Fatal("the core sends no reason for a missing item")
	}
	if item.Reason() != "NotFound" {
		t.Fatalf("reason %q, want NotFound", item.Reason())
	}
}
