package opkit

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestMembersANewerCoreSendsSurviveARoundTrip(t *testing.T) {
	in := `{"id":"i","title":"T","category":"Login","vaultId":"v","fields":[{"id":"f","title":"F","fieldType":"Text","value":"x","zNew":{"b":[1,2]}}],` +
		`"sections":[{"id":"s","title":"S","collapsed":true}],"notes":"","tags":[],"websites":[{"url":"u","label":"l","autofillBehavior":"Never","match":"host"}],` +
		`"version":1,"files":[],"createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-01-01T00:00:00Z","favorite":true,"aNew":"first"}`
	var item Item
	if err := json.Unmarshal([]byte(in), &item); err != nil {
		t.Fatal(err)
	}
	if item.Title != "T" || item.Fields[0].Value != "x" || item.Sections[0].Title != "S" || item.Websites[0].AutofillBehavior != AutofillBehaviorNever {
		t.Fatalf("known members: %+v", item)
	}
	out, err := json.Marshal(item)
	if err != nil {
		t.Fatal(err)
	}
	for _, member := range []string{`"aNew":"first"`, `"favorite":true`, `"zNew":{"b":[1,2]}`, `"collapsed":true`, `"match":"host"`, `"title":"T"`} {
		if !strings.Contains(string(out), member) {
			t.Errorf("%s lost %s", out, member)
		}
	}
	var again Item
	if err := json.Unmarshal(out, &again); err != nil {
		t.Fatal(err)
	}
	if twice, _ := json.Marshal(again); string(twice) != string(out) {
		t.Fatalf("not stable:\n%s\n%s", out, twice)
	}
	// Known members only: the JSON is what encoding/json writes for the fields.
	if got, _ := json.Marshal(ItemSection{ID: "s", Title: "S"}); string(got) != `{"id":"s","title":"S"}` {
		t.Fatalf("plain section: %s", got)
	}
	// Unknown members are never printed: they may hold anything.
	if text := fmtAll(item); strings.Contains(text, "first") || strings.Contains(text, "host") {
		t.Fatalf("printed unknown members: %s", text)
	}
}

func TestTheCoreKeepsMembersThisVersionDoesNotKnow(t *testing.T) {
	f := env(t)
	ctx := context.Background()
	created, err := f.writerClient.Items().Create(ctx, ItemCreateParams{
		Category: ItemCategoryLogin, VaultID: f.goVault, Title: "Unknown members",
		Fields: []ItemField{{ID: "password", Title: "password", FieldType: ItemFieldTypeConcealed, Value: "pw"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(created)
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	raw["fields"].([]any)[0].(map[string]any)["fromTheFuture"] = "kept"
	data, _ = json.Marshal(raw)
	var edited Item
	if err := json.Unmarshal(data, &edited); err != nil {
		t.Fatal(err)
	}
	if _, err := f.writerClient.Items().Put(ctx, edited); err != nil {
		t.Fatal(err)
	}
	got, err := f.writerClient.Items().Get(ctx, f.goVault, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := json.Marshal(got.Fields[0]); !strings.Contains(string(data), `"fromTheFuture":"kept"`) {
		t.Fatalf("the core or this package dropped the unknown member: %s", data)
	}
}
