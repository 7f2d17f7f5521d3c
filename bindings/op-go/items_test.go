package opkit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestItemsLifecycle(t *testing.T) {
	f := env(t)
	ctx := context.Background()
	items := f.writerClient.Items()
	created, err := items.Create(ctx, ItemCreateParams{
		Category: ItemCategoryLogin, VaultID: f.goVault, Title: "Lifecycle",
		Notes: ptr("some notes"), Tags: []string{"ci", "db"},
		Websites: []Website{{URL: "https://example.com", Label: "website", AutofillBehavior: AutofillBehaviorAnywhereOnWebsite}},
		Fields: []ItemField{
			{ID: "username", Title: "username", FieldType: ItemFieldTypeText, Value: "alice"},
			{ID: "password", Title: "password", FieldType: ItemFieldTypeConcealed, Value: "first"},
			{ID: "born", Title: "born", FieldType: ItemFieldTypeDate, Value: "1990-01-31"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID == "" || created.VaultID != f.goVault || created.Category != ItemCategoryLogin || created.Notes != "some notes" ||
		len(created.Fields) != 3 || len(created.Tags) != 2 || created.Websites[0].URL != "https://example.com" || created.CreatedAt.IsZero() {
		t.Fatalf("created: %+v", created)
	}
	got, err := items.Get(ctx, f.goVault, created.ID)
	if err != nil || got.Title != "Lifecycle" || got.Version != created.Version {
		t.Fatalf("get: %+v %v", got, err)
	}

	got.Fields[1].Value = "second"
	got.Title = "Lifecycle 2"
	updated, err := items.Put(ctx, got)
	if err != nil || updated.Version <= got.Version || updated.Title != "Lifecycle 2" {
		t.Fatalf("put: %+v %v", updated, err)
	}
	if secret, err := f.writerClient.Secrets().Resolve(ctx, "op://Go/Lifecycle 2/password"); err != nil || secret != "second" {
		t.Fatalf("resolve after put: %q %v", secret, err)
	}
	// Putting the stale copy again is a version conflict, not a lost update.
	_, err = items.Put(ctx, got)
	var itemAPI *ItemAPIError
	if !errors.As(err, &itemAPI) {
		t.Fatalf("stale put: %T %v", err, err)
	}

	list, err := items.List(ctx, f.goVault)
	if err != nil || !containsItem(list, created.ID) {
		t.Fatalf("list: %+v %v", list, err)
	}
	if err := items.Archive(ctx, f.goVault, created.ID); err != nil {
		t.Fatal(err)
	}
	list, err = items.List(ctx, f.goVault)
	if err != nil || containsItem(list, created.ID) {
		t.Fatalf("an archived item is listed by default: %v", err)
	}
	archived, err := items.List(ctx, f.goVault, NewItemListFilterTypeVariantByState(&ItemListFilterByStateInner{Active: false, Archived: true}))
	if err != nil || !containsItem(archived, created.ID) {
		t.Fatalf("list archived: %+v %v", archived, err)
	}
	for _, o := range archived {
		if o.ID == created.ID && o.State != ItemStateArchived {
			t.Fatalf("state: %s", o.State)
		}
	}
	if err := items.Delete(ctx, f.goVault, created.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := items.Get(ctx, f.goVault, created.ID); !errors.As(err, &itemAPI) {
		t.Fatalf("get after delete: %T %v", err, err)
	}
}

func containsItem(list []ItemOverview, id string) bool {
	for _, o := range list {
		if o.ID == id {
			return true
		}
	}
	return false
}

func TestItemsValidationErrorsNameTheField(t *testing.T) {
	f := env(t)
	_, err := f.writerClient.Items().Create(context.Background(), ItemCreateParams{
		Category: ItemCategoryLogin, VaultID: f.goVault, Title: "Bad date",
		Fields: []ItemField{{ID: "born", Title: "born", FieldType: ItemFieldTypeDate, Value: "2023-02-29"}},
	})
	var itemAPI *ItemAPIError
	if !errors.As(err, &itemAPI) || !strings.Contains(err.Error(), "born") {
		t.Fatalf("got %T %v", err, err)
	}
}

func TestItemsBatches(t *testing.T) {
	f := env(t)
	ctx := context.Background()
	items := f.writerClient.Items()
	created, err := items.CreateAll(ctx, f.goVault, []ItemCreateParams{
		{Category: ItemCategorySecureNote, VaultID: f.goVault, Title: "Batch 1", Notes: ptr("one")},
		{Category: ItemCategoryLogin, VaultID: f.goVault, Title: "Batch bad",
			Fields: []ItemField{{ID: "card", Title: "card", FieldType: ItemFieldTypeMonthYear, Value: "13/2030"}}},
		{Category: ItemCategoryAPICredentials, VaultID: f.goVault, Title: "Batch 2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := created.IndividualResponses
	if len(r) != 3 || r[0].Content == nil || r[2].Content == nil || r[1].Error == nil {
		t.Fatalf("create all: %+v", r)
	}
	if r[1].Error.Type != ItemUpdateFailureReasonTypeVariantItemValidationError || r[1].Error.ItemValidationError() == "" || r[1].Error.Internal() != "" {
		t.Fatalf("the bad item's reason: %+v", r[1].Error)
	}
	if r[2].Content.Category != ItemCategoryAPICredentials {
		t.Fatalf("category: %s", r[2].Content.Category)
	}
	ids := []string{r[0].Content.ID, "aaaaaaaaaaaaaaaaaaaaaaaaaa", r[2].Content.ID}
	got, err := items.GetAll(ctx, f.goVault, ids)
	if err != nil {
		t.Fatal(err)
	}
	g := got.IndividualResponses
	if len(g) != 3 || g[0].Content == nil || g[0].Content.Notes != "one" || g[1].Error == nil || g[1].Error.Type != ItemsGetAllErrorTypeVariantItemNotFound {
		t.Fatalf("get all: %+v", g)
	}
	deleted, err := items.DeleteAll(ctx, f.goVault, ids)
	if err != nil {
		t.Fatal(err)
	}
	d := deleted.IndividualResponses
	if len(d) != 3 || d[ids[0]].Error != nil || d[ids[2]].Error != nil || d[ids[1]].Error == nil {
		t.Fatalf("delete all: %+v", d)
	}
	if empty, err := items.GetAll(ctx, f.goVault, nil); err != nil || len(empty.IndividualResponses) != 0 {
		t.Fatalf("get all of nothing: %+v %v", empty, err)
	}
}

func TestAReadOnlyServiceAccountCannotWrite(t *testing.T) {
	f := env(t)
	ctx := context.Background()
	_, err := f.readerClient.Items().Create(ctx, ItemCreateParams{Category: ItemCategoryLogin, VaultID: f.goVault, Title: "nope"})
	var itemAPI *ItemAPIError
	if !errors.As(err, &itemAPI) {
		t.Fatalf("got %T %v", err, err)
	}
	if _, err := f.readerClient.Items().List(ctx, f.goVault); err != nil {
		t.Fatalf("the reader can list: %v", err)
	}
}

func TestAnItemInAnotherVaultIsOutOfReach(t *testing.T) {
	f := env(t)
	_, err := f.writerClient.Items().List(context.Background(), f.confVault)
	var itemAPI *ItemAPIError
	if !errors.As(err, &itemAPI) {
		t.Fatalf("got %T %v", err, err)
	}
}

func TestSSHKeyFixtures(t *testing.T) {
	f := env(t)
	ctx := context.Background()
	type entry struct {
		File        string `json:"file"`
		Encrypted   bool   `json:"encrypted"`
		PublicKey   string `json:"public_key"`
		Fingerprint string `json:"fingerprint"`
		Bits        int    `json:"bits"`
		KeyTypeSSH  string `json:"key_type_ssh"`
		Error       string `json:"error"`
	}
	var all, extra []entry
	readJSON(t, "tests/vectors/ssh/manifest.json", &all)
	readJSON(t, "tests/vectors/ssh/manifest-extra.json", &extra)
	all = append(all, extra...)
	items := f.writerClient.Items()
	for _, e := range all {
		pem, err := os.ReadFile(filepath.Join(repoRoot(), "tests/vectors/ssh", e.File))
		if err != nil {
			t.Fatal(err)
		}
		item, err := items.Create(ctx, ItemCreateParams{
			Category: ItemCategorySSHKey, VaultID: f.goVault, Title: "SSH " + e.File,
			Fields: []ItemField{{ID: "private_key", Title: "private key", FieldType: ItemFieldTypeSSHKey, Value: string(pem)}},
		})
		if e.Encrypted || e.Error != "" {
			var itemAPI *ItemAPIError
			if !errors.As(err, &itemAPI) {
				t.Errorf("%s: got %v, want an ItemAPIError", e.File, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", e.File, err)
			continue
		}
		var details *SSHKeyAttributes
		if d := item.Fields[0].Details; d != nil {
			details = d.SSHKey()
		}
		want := map[string]string{"ssh-ed25519": "Ed25519", "ssh-rsa": fmt.Sprintf("RSA, %d-bit", e.Bits)}[e.KeyTypeSSH]
		if strings.HasPrefix(e.KeyTypeSSH, "ecdsa-") {
			want = fmt.Sprintf("ECDSA, %d-bit", e.Bits)
		}
		if details == nil || details.PublicKey != e.PublicKey || details.Fingerprint != e.Fingerprint || details.KeyType != want {
			t.Errorf("%s: details %+v, want %s / %s / %s", e.File, details, e.PublicKey, e.Fingerprint, want)
		}
		if err := items.Delete(ctx, f.goVault, item.ID); err != nil {
			t.Fatal(err)
		}
	}
}

func TestVaults(t *testing.T) {
	f := env(t)
	ctx := context.Background()
	vaults := f.writerClient.Vaults()
	created, err := vaults.Create(ctx, VaultCreateParams{Title: "Go Temp", Description: ptr("made by a test"), AllowAdminsAccess: ptr(true)})
	if err != nil || created.Title != "Go Temp" || created.Description != "made by a test" || created.VaultType != VaultTypeUserCreated {
		t.Fatalf("create: %+v %v", created, err)
	}
	list, err := vaults.List(ctx, VaultListParams{DecryptDetails: ptr(true)})
	if err != nil || len(list) != 2 {
		t.Fatalf("list: %+v %v", list, err)
	}
	overview, err := vaults.GetOverview(ctx, created.ID)
	if err != nil || overview.Title != "Go Temp" || overview.CreatedAt.IsZero() {
		t.Fatalf("overview: %+v %v", overview, err)
	}
	withAccess, err := vaults.Get(ctx, created.ID, VaultGetParams{Accessors: ptr(true)})
	if err != nil || len(withAccess.Access) != 2 {
		t.Fatalf("get with accessors: %+v %v", withAccess, err)
	}
	// The creator has every permission; allowAdminsAccess lets the Administrators group manage.
	for _, a := range withAccess.Access {
		creator := a.AccessorType == VaultAccessorTypeUser && a.Permissions&ReadItems != 0
		admins := a.AccessorType == VaultAccessorTypeGroup && a.Permissions == ManageVault
		if a.VaultUuid != created.ID || !(creator || admins) {
			t.Fatalf("get with accessors: %+v", a)
		}
	}
	plain, err := vaults.Get(ctx, created.ID, VaultGetParams{})
	if err != nil || plain.Access != nil {
		t.Fatalf("get without accessors: %+v %v", plain, err)
	}
	updated, err := vaults.Update(ctx, created.ID, VaultUpdateParams{Title: ptr("Go Temp 2")})
	if err != nil || updated.Title != "Go Temp 2" || updated.Description != "made by a test" {
		t.Fatalf("update: %+v %v", updated, err)
	}
	if err := vaults.Delete(ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	var itemAPI *ItemAPIError
	if _, err := vaults.GetOverview(ctx, created.ID); !errors.As(err, &itemAPI) {
		t.Fatalf("overview after delete: %T %v", err, err)
	}
}

// Item sharing reaches the core, which does not implement it yet: each call must come back as a
// typed ItemAPIError naming the invocation, which also proves the request parsed.
func TestOperationsNotInThisCoreYet(t *testing.T) {
	f := env(t)
	ctx := context.Background()
	c := f.writerClient
	item := Item{ID: "aaaaaaaaaaaaaaaaaaaaaaaaaa", VaultID: f.goVault, Title: "x", Category: ItemCategoryDocument,
		Fields: []ItemField{}, Sections: []ItemSection{}, Tags: []string{}, Websites: []Website{}, Files: []ItemFile{}}
	policy := ItemShareAccountPolicy{MaxExpiry: ItemShareDurationSevenDays, DefaultExpiry: ItemShareDurationOneDay,
		AllowedTypes: []AllowedType{AllowedTypePublic}, AllowedRecipientTypes: []AllowedRecipientType{AllowedRecipientTypeEmail},
		Files: ItemShareFiles{Allowed: true, MaxSize: 1024}}
	calls := map[string]func() error{
		"ItemsSharesGetAccountPolicy": func() error { _, err := c.Items().Shares().GetAccountPolicy(ctx, f.goVault, item.ID); return err },
		"ItemsSharesValidateRecipients": func() error {
			_, err := c.Items().Shares().ValidateRecipients(ctx, policy, []string{"a@example.com", "example.com"})
			return err
		},
		"ItemsSharesCreate": func() error {
			_, err := c.Items().Shares().Create(ctx, item, policy, ItemShareParams{
				Recipients:  []ValidRecipient{NewValidRecipientTypeVariantEmail(&ValidRecipientEmailInner{Email: "a@example.com"})},
				ExpireAfter: ptr(ItemShareDurationOneHour), OneTimeOnly: true})
			return err
		},
	}
	for name, call := range calls {
		err := call()
		var itemAPI *ItemAPIError
		if !errors.As(err, &itemAPI) || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "not available") {
			t.Errorf("%s: got %T %v", name, err, err)
		}
	}
}

// Files, groups, group permissions and Environments against the real core.
func TestFilesGroupsAndEnvironments(t *testing.T) {
	f := env(t)
	ctx := context.Background()
	c, err := NewClient(ctx, WithServiceAccountToken(f.confWriter), WithIntegrationInfo("go tests", "v1"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	item, err := c.Items().Create(ctx, ItemCreateParams{Category: ItemCategorySecureNote, VaultID: f.confVault,
		Title: "Go Files", Sections: []ItemSection{{ID: "files", Title: "Files"}}})
	if err != nil {
		t.Fatal(err)
	}
	content := []byte{0, 1, 2, 255, 'h', 'i'}
	item, err = c.Items().Files().Attach(ctx, item, FileCreateParams{Name: "blob.bin", Content: content, SectionID: "files", FieldID: "blob"})
	if err != nil || len(item.Files) != 1 {
		t.Fatalf("attach: %v %+v", err, item.Files)
	}
	back, err := c.Items().Files().Read(ctx, f.confVault, item.ID, item.Files[0].Attributes)
	if err != nil || string(back) != string(content) {
		t.Fatalf("read: %v %v", err, back)
	}
	if item, err = c.Items().Files().Delete(ctx, item, "files", "blob"); err != nil || len(item.Files) != 0 {
		t.Fatalf("delete: %v", err)
	}

	group, err := c.Groups().Get(ctx, f.confGroup, GroupGetParams{VaultPermissions: ptr(true)})
	if err != nil || group.GroupType != GroupTypeUserDefined {
		t.Fatalf("group: %+v %v", group, err)
	}
	own, err := c.Vaults().Create(ctx, VaultCreateParams{Title: "Go Own", AllowAdminsAccess: ptr(false)})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Vaults().GrantGroupPermissions(ctx, own.ID, []GroupAccess{{GroupID: f.confGroup, Permissions: ReadItems | RevealItemPassword}}); err != nil {
		t.Fatal(err)
	}
	var invalid *InvalidConfigurationError
	err = c.Vaults().UpdateGroupPermissions(ctx, []GroupVaultAccess{{VaultID: own.ID, GroupID: f.confGroup, Permissions: DeleteItems}})
	if !errors.As(err, &invalid) {
		t.Fatalf("a permission without its dependencies: %T %v", err, err)
	}
	if err := c.Vaults().RevokeGroupPermissions(ctx, own.ID, f.confGroup); err != nil {
		t.Fatal(err)
	}
	var updating *UpdatingGroupVaultPermissionsError
	err = c.Vaults().GrantGroupPermissions(ctx, f.confVault, []GroupAccess{{GroupID: f.confGroup, Permissions: ReadItems}})
	if !errors.As(err, &updating) {
		t.Fatalf("a vault the service account did not create: %T %v", err, err)
	}

	vars, err := c.Environments().GetVariables(ctx, f.confEnv)
	if err != nil || len(vars.Variables) != 2 || vars.Variables[0].Name != "GREETING" || vars.Variables[0].Value != "hello" || !vars.Variables[1].Masked {
		t.Fatalf("environment: %+v %v", vars, err)
	}
	var itemAPI *ItemAPIError
	if _, err := f.readerClient.Environments().GetVariables(ctx, f.confEnv); !errors.As(err, &itemAPI) {
		t.Fatalf("an ungranted reader: %T %v", err, err)
	}
}
