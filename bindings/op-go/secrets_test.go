package opkit

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestGeneratePasswordRecipes(t *testing.T) {
	ctx := context.Background()
	random, err := Secrets.GeneratePassword(ctx, NewPasswordRecipeTypeVariantRandom(&PasswordRecipeRandomInner{IncludeDigits: true, IncludeSymbols: true, Length: 32}))
	if err != nil || len(random.Password) != 32 {
		t.Fatalf("random: %q %v", random.Password, err)
	}
	pin, err := Secrets.GeneratePassword(ctx, NewPasswordRecipeTypeVariantPin(&PasswordRecipePinInner{Length: 8}))
	if err != nil || len(pin.Password) != 8 || strings.Trim(pin.Password, "0123456789") != "" {
		t.Fatalf("pin: %q %v", pin.Password, err)
	}
	memorable, err := Secrets.GeneratePassword(ctx, NewPasswordRecipeTypeVariantMemorable(&PasswordRecipeMemorableInner{
		SeparatorType: SeparatorTypeHyphens, Capitalize: true, WordListType: WordListTypeFullWords, WordCount: 5,
	}))
	if err != nil || len(strings.Split(memorable.Password, "-")) != 5 {
		t.Fatalf("memorable: %q %v", memorable.Password, err)
	}
}

func TestGeneratePasswordErrors(t *testing.T) {
	ctx := context.Background()
	_, err := Secrets.GeneratePassword(ctx, NewPasswordRecipeTypeVariantRandom(&PasswordRecipeRandomInner{Length: 4}))
	var invalid *InvalidConfigurationError
	if !errors.As(err, &invalid) || invalid.Name() != "InvalidConfiguration" || !strings.Contains(err.Error(), "between 8 and 100") {
		t.Fatalf("length 4: %v", err)
	}
	// The tag is case-sensitive in the core; the package passes unknown tags through unchanged.
	_, err = Secrets.GeneratePassword(ctx, PasswordRecipe{Type: "random"})
	var protocol *ProtocolError
	if !errors.As(err, &protocol) || !strings.HasPrefix(err.Error(), "data did not match any variant") {
		t.Fatalf("unknown tag: %T %v", err, err)
	}
}

func TestValidateSecretReferenceVectors(t *testing.T) {
	var vectors []struct {
		Ref   string `json:"ref"`
		Valid bool   `json:"valid"`
	}
	readJSON(t, "tests/vectors/secret-refs.json", &vectors)
	if len(vectors) == 0 {
		t.Fatal("no vectors")
	}
	for _, v := range vectors {
		err := Secrets.ValidateSecretReference(context.Background(), v.Ref)
		if v.Valid && err != nil {
			t.Errorf("%q: %v", v.Ref, err)
		}
		var parsing *ParsingSecretReferenceError
		if !v.Valid && !errors.As(err, &parsing) {
			t.Errorf("%q: got %v, want a ParsingSecretReferenceError", v.Ref, err)
		}
	}
}

func TestResolveAndResolveAll(t *testing.T) {
	f := env(t)
	ctx := context.Background()
	items := f.writerClient.Items()
	item, err := items.Create(ctx, ItemCreateParams{
		Category: ItemCategoryLogin, VaultID: f.goVault, Title: "Resolve Me",
		Sections: []ItemSection{{ID: "db", Title: "database"}},
		Fields: []ItemField{
			{ID: "username", Title: "username", FieldType: ItemFieldTypeText, Value: "alice"},
			{ID: "password", Title: "password", FieldType: ItemFieldTypeConcealed, Value: "s3cr3t"},
			{ID: "host", Title: "host", SectionID: ptr("db"), FieldType: ItemFieldTypeText, Value: "db.internal"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer items.Delete(ctx, f.goVault, item.ID)
	secrets := f.writerClient.Secrets()
	if got, err := secrets.Resolve(ctx, "op://Go/Resolve Me/password"); err != nil || got != "s3cr3t" {
		t.Fatalf("resolve: %q %v", got, err)
	}
	if got, err := secrets.Resolve(ctx, "op://Go/Resolve Me/database/host"); err != nil || got != "db.internal" {
		t.Fatalf("resolve in section: %q %v", got, err)
	}
	_, err = secrets.Resolve(ctx, "op://Go/No Such Item/password")
	var resolving *ResolvingSecretReferenceError
	if !errors.As(err, &resolving) {
		t.Fatalf("missing item: %T %v", err, err)
	}
	_, err = secrets.Resolve(ctx, "op://Go")
	if !errors.As(err, &resolving) {
		t.Fatalf("bad reference: %T %v", err, err)
	}

	all, err := secrets.ResolveAll(ctx, []string{"op://Go/Resolve Me/username", "op://Go/Resolve Me/nope", "op://bad"})
	if err != nil {
		t.Fatal(err)
	}
	ok := all.IndividualResponses["op://Go/Resolve Me/username"]
	if ok.Error != nil || ok.Content == nil || ok.Content.Secret != "alice" || ok.Content.ItemID != item.ID || ok.Content.VaultID != f.goVault {
		t.Fatalf("username: %+v", ok)
	}
	if e := all.IndividualResponses["op://Go/Resolve Me/nope"].Error; e == nil || e.Type != ResolveReferenceErrorTypeVariantFieldNotFound {
		t.Fatalf("missing field: %+v", e)
	}
	if e := all.IndividualResponses["op://bad"].Error; e == nil || e.Type != ResolveReferenceErrorTypeVariantParsing || e.Parsing() == "" {
		t.Fatalf("bad reference: %+v", e)
	}
	if empty, err := secrets.ResolveAll(ctx, nil); err != nil || len(empty.IndividualResponses) != 0 {
		t.Fatalf("no references: %+v %v", empty, err)
	}
}

// totpAt is RFC 6238 for the test's own check of the core's codes; it is validated against the
// RFC vectors first, so a mismatch with the core points at the core.
func totpAt(secret []byte, algorithm string, digits int, period int64, unix int64) string {
	var h func() hash.Hash
	switch algorithm {
	case "SHA256":
		h = sha256.New
	case "SHA512":
		h = sha512.New
	default:
		h = sha1.New
	}
	mac := hmac.New(h, secret)
	var counter [8]byte
	binary.BigEndian.PutUint64(counter[:], uint64(unix/period))
	mac.Write(counter[:])
	sum := mac.Sum(nil)
	offset := sum[len(sum)-1] & 0x0f
	value := binary.BigEndian.Uint32(sum[offset:offset+4]) & 0x7fffffff
	mod := uint64(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, uint64(value)%mod)
}

func TestTOTPVectorsThroughAnItem(t *testing.T) {
	f := env(t)
	ctx := context.Background()
	var vectors struct {
		TOTP []struct {
			Secret    string `json:"secret_base32"`
			Algorithm string `json:"algorithm"`
			Digits    int    `json:"digits"`
			Period    int64  `json:"period"`
			UnixTime  int64  `json:"unix_time"`
			Code      string `json:"code"`
		} `json:"totp"`
	}
	readJSON(t, "tests/vectors/totp/rfc-vectors.json", &vectors)
	if len(vectors.TOTP) == 0 {
		t.Fatal("no TOTP vectors")
	}
	items := f.writerClient.Items()
	for i, v := range vectors.TOTP {
		secret, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(v.Secret)
		if err != nil {
			t.Fatal(err)
		}
		if got := totpAt(secret, v.Algorithm, v.Digits, v.Period, v.UnixTime); got != v.Code {
			t.Fatalf("vector %d: the test's TOTP gives %s, want %s", i, got, v.Code)
		}
		uri := fmt.Sprintf("otpauth://totp/ACME:alice?secret=%s&algorithm=%s&digits=%d&period=%d&issuer=ACME", v.Secret, v.Algorithm, v.Digits, v.Period)
		title := fmt.Sprintf("TOTP %d", i)
		before := time.Now().Unix()
		item, err := items.Create(ctx, ItemCreateParams{
			Category: ItemCategoryLogin, VaultID: f.goVault, Title: title,
			Fields: []ItemField{{ID: "onetimepassword", Title: "one-time password", FieldType: ItemFieldTypeTOTP, Value: uri}},
		})
		after := time.Now().Unix()
		if err != nil {
			t.Fatalf("vector %d: %v", i, err)
		}
		details := item.Fields[0].Details
		if details == nil || details.Type != ItemFieldDetailsTypeVariantOTP || details.OTP() == nil || details.OTP().Code == nil {
			t.Fatalf("vector %d: no code in %+v", i, item.Fields[0])
		}
		code := *details.OTP().Code
		// The core computed the code at some instant between before and after.
		if code != totpAt(secret, v.Algorithm, v.Digits, v.Period, before) && code != totpAt(secret, v.Algorithm, v.Digits, v.Period, after) {
			t.Fatalf("vector %d: the core's code %s is not the current one", i, code)
		}
		resolved, err := f.writerClient.Secrets().Resolve(ctx, "op://Go/"+title+"/onetimepassword?attribute=totp")
		if err != nil || len(resolved) != v.Digits {
			t.Fatalf("vector %d: resolve ?attribute=totp: %q %v", i, resolved, err)
		}
		if err := items.Delete(ctx, f.goVault, item.ID); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSixtyFourGoroutinesResolveOnOneClient(t *testing.T) {
	f := env(t)
	ctx := context.Background()
	items := f.writerClient.Items()
	item, err := items.Create(ctx, ItemCreateParams{
		Category: ItemCategoryPassword, VaultID: f.goVault, Title: "Concurrent",
		Fields: []ItemField{{ID: "password", Title: "password", FieldType: ItemFieldTypeConcealed, Value: "p4r4llel"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer items.Delete(ctx, f.goVault, item.ID)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				got, err := f.writerClient.Secrets().Resolve(ctx, "op://Go/Concurrent/password")
				if err == nil && got != "p4r4llel" {
					err = fmt.Errorf("got %q", got)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
