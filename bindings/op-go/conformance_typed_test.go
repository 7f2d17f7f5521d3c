package opkit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// typedArgs are the parameters of one case step, decoded into this package's types on demand.
// Decoding is strict (a key a type lacks fails) and every parameter must be taken, so a typed
// method or type that drops or renames a member fails the replay.
type typedArgs struct {
	raw  map[string]json.RawMessage
	used map[string]bool
	err  error
}

func arg[T any](a *typedArgs, key string) T {
	var out T
	a.used[key] = true
	raw, ok := a.raw[key]
	if !ok {
		a.fail(fmt.Errorf("the case has no parameter %q", key))
		return out
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		a.fail(fmt.Errorf("parameter %q does not decode into %T: %w", key, out, err))
	}
	return out
}

func (a *typedArgs) fail(err error) {
	if a.err == nil {
		a.err = err
	}
}

type unit struct{}

func done(err error) (any, error) { return unit{}, err }

func result[T any](v T, err error) (any, error) { return v, err }

// typedCalls builds the public typed call of every client invocation of the catalogue.
var typedCalls = map[string]func(ctx context.Context, c *Client, a *typedArgs) (any, error){
	"SecretsResolve": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Secrets().Resolve(ctx, arg[string](a, "secret_reference")))
	},
	"SecretsResolveAll": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Secrets().ResolveAll(ctx, arg[[]string](a, "secret_references")))
	},
	"ItemsCreate": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Items().Create(ctx, arg[ItemCreateParams](a, "params")))
	},
	"ItemsCreateAll": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Items().CreateAll(ctx, arg[string](a, "vault_id"), arg[[]ItemCreateParams](a, "params")))
	},
	"ItemsGet": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Items().Get(ctx, arg[string](a, "vault_id"), arg[string](a, "item_id")))
	},
	"ItemsGetAll": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Items().GetAll(ctx, arg[string](a, "vault_id"), arg[[]string](a, "item_ids")))
	},
	"ItemsPut": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Items().Put(ctx, arg[Item](a, "item")))
	},
	"ItemsDelete": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return done(c.Items().Delete(ctx, arg[string](a, "vault_id"), arg[string](a, "item_id")))
	},
	"ItemsDeleteAll": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Items().DeleteAll(ctx, arg[string](a, "vault_id"), arg[[]string](a, "item_ids")))
	},
	"ItemsArchive": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return done(c.Items().Archive(ctx, arg[string](a, "vault_id"), arg[string](a, "item_id")))
	},
	"ItemsList": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Items().List(ctx, arg[string](a, "vault_id"), arg[[]ItemListFilter](a, "filters")...))
	},
	"ItemsSharesGetAccountPolicy": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Items().Shares().GetAccountPolicy(ctx, arg[string](a, "vault_id"), arg[string](a, "item_id")))
	},
	"ItemsSharesValidateRecipients": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Items().Shares().ValidateRecipients(ctx, arg[ItemShareAccountPolicy](a, "policy"), arg[[]string](a, "recipients")))
	},
	"ItemsSharesCreate": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Items().Shares().Create(ctx, arg[Item](a, "item"), arg[ItemShareAccountPolicy](a, "policy"), arg[ItemShareParams](a, "params")))
	},
	"ItemsFilesAttach": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Items().Files().Attach(ctx, arg[Item](a, "item"), arg[FileCreateParams](a, "file_params")))
	},
	"ItemsFilesRead": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Items().Files().Read(ctx, arg[string](a, "vault_id"), arg[string](a, "item_id"), arg[FileAttributes](a, "attr")))
	},
	"ItemsFilesDelete": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Items().Files().Delete(ctx, arg[Item](a, "item"), arg[string](a, "section_id"), arg[string](a, "field_id")))
	},
	"ItemsFilesReplaceDocument": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Items().Files().ReplaceDocument(ctx, arg[Item](a, "item"), arg[DocumentCreateParams](a, "doc_params")))
	},
	"VaultsCreate": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Vaults().Create(ctx, arg[VaultCreateParams](a, "params")))
	},
	"VaultsList": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		if p := arg[*VaultListParams](a, "params"); p != nil {
			return result(c.Vaults().List(ctx, *p))
		}
		return result(c.Vaults().List(ctx))
	},
	"VaultsGetOverview": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Vaults().GetOverview(ctx, arg[string](a, "vault_id")))
	},
	"VaultsGet": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Vaults().Get(ctx, arg[string](a, "vault_id"), arg[VaultGetParams](a, "vault_params")))
	},
	"VaultsUpdate": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Vaults().Update(ctx, arg[string](a, "vault_id"), arg[VaultUpdateParams](a, "params")))
	},
	"VaultsDelete": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return done(c.Vaults().Delete(ctx, arg[string](a, "vault_id")))
	},
	"VaultsGrantGroupPermissions": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return done(c.Vaults().GrantGroupPermissions(ctx, arg[string](a, "vault_id"), arg[[]GroupAccess](a, "group_permissions_list")))
	},
	"VaultsUpdateGroupPermissions": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return done(c.Vaults().UpdateGroupPermissions(ctx, arg[[]GroupVaultAccess](a, "group_permissions_list")))
	},
	"VaultsRevokeGroupPermissions": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return done(c.Vaults().RevokeGroupPermissions(ctx, arg[string](a, "vault_id"), arg[string](a, "group_id")))
	},
	"GroupsGet": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Groups().Get(ctx, arg[string](a, "group_id"), arg[GroupGetParams](a, "group_params")))
	},
	"EnvironmentsGetVariables": func(ctx context.Context, c *Client, a *typedArgs) (any, error) {
		return result(c.Environments().GetVariables(ctx, arg[string](a, "environment_id")))
	},
}

// typedSyncCalls builds the package-level typed call of every sync invocation.
var typedSyncCalls = map[string]func(ctx context.Context, a *typedArgs) (any, error){
	"ValidateSecretReference": func(ctx context.Context, a *typedArgs) (any, error) {
		return done(Secrets.ValidateSecretReference(ctx, arg[string](a, "secret_reference")))
	},
	"GeneratePassword": func(ctx context.Context, a *typedArgs) (any, error) {
		return result(Secrets.GeneratePassword(ctx, arg[PasswordRecipe](a, "recipe")))
	},
}

// configKeys are the keys NewClient always sends; a case config lacking one (a malformed config)
// cannot be built through the typed API.
var configKeys = []string{"serviceAccountToken", "programmingLanguage", "sdkVersion", "integrationName", "integrationVersion", "requestLibraryName", "requestLibraryVersion", "os", "osVersion", "architecture"}

// typedStep runs one case step through the public typed API. It returns the result (a *Client,
// unit{}, or a typed value), the error, or why the step has no typed form.
func typedStep(ctx context.Context, step map[string]any, vars map[string]any) (any, error, string) {
	if _, ok := step["raw"]; ok {
		return nil, nil, "malformed input text: the typed API always sends well-formed JSON"
	}
	arg := substitute(step["arg"], vars)
	switch step["fn"] {
	case "init_client":
		config, _ := arg.(map[string]any)
		for _, key := range configKeys {
			if _, ok := config[key]; !ok {
				return nil, nil, "a config without " + key + ": NewClient always sends every key"
			}
		}
		token, _ := config["serviceAccountToken"].(string)
		name, _ := config["integrationName"].(string)
		version, _ := config["integrationVersion"].(string)
		options := []ClientOption{WithServiceAccountToken(token), WithIntegrationInfo(name, version)}
		// A desktop account (Go's account_name, JS's accountName) is WithDesktopAppIntegration.
		for _, key := range []string{"account_name", "accountName"} {
			if account, ok := config[key].(string); ok {
				options = append(options, WithDesktopAppIntegration(account))
			}
		}
		client, err := NewClient(ctx, options...)
		return client, err, ""
	case "release_client":
		client, ok := arg.(*Client)
		if !ok {
			return nil, nil, "releasing an id that is no client: Close releases only its own client"
		}
		out, err := done(client.Close())
		return out, err, ""
	case "invoke", "invoke_sync":
	default:
		return nil, nil, fmt.Sprintf("unknown fn %v", step["fn"])
	}
	inv, _ := arg.(map[string]any)["invocation"].(map[string]any)
	call, _ := inv["parameters"].(map[string]any)
	name, _ := call["name"].(string)
	encoded, err := json.Marshal(call["parameters"])
	if err != nil {
		return nil, err, ""
	}
	a := &typedArgs{used: map[string]bool{}}
	if err := json.Unmarshal(encoded, &a.raw); err != nil {
		return nil, fmt.Errorf("parameters of %s: %w", name, err), ""
	}
	clientID, hasClient := inv["clientId"]
	var out any
	if sync, ok := typedSyncCalls[name]; ok {
		if hasClient {
			return nil, nil, "a sync operation with a client id: the typed API sends none"
		}
		// invoke and invoke_sync alike: the typed API sends sync operations through invoke_sync.
		out, err = sync(ctx, a)
	} else if typed, ok := typedCalls[name]; ok {
		if step["fn"] == "invoke_sync" {
			return nil, nil, "a client operation through invoke_sync: the typed API uses invoke"
		}
		client, isClient := clientID.(*Client)
		if !isClient {
			return nil, nil, fmt.Sprintf("%s with client id %s: a typed call always uses its own client", name, jsonText(clientID))
		}
		out, err = typed(ctx, client, a)
	} else {
		return nil, nil, "an invocation name the catalogue does not have (" + name + "): there is no method to call"
	}
	if a.err != nil {
		return nil, fmt.Errorf("%s: %w", name, a.err), ""
	}
	var unused []string
	for key := range a.raw {
		if !a.used[key] {
			unused = append(unused, key)
		}
	}
	if len(unused) > 0 {
		sort.Strings(unused)
		return nil, fmt.Errorf("%s: the typed call takes no %v", name, unused), ""
	}
	return out, err, ""
}

// resultText is a typed result as the JSON the core would have sent ("" for unit results).
func resultText(v any) string {
	switch x := v.(type) {
	case unit, *Client, nil:
		return ""
	case []byte:
		numbers := make([]int, len(x))
		for i, b := range x {
			numbers[i] = int(b)
		}
		return jsonText(numbers)
	default:
		return jsonText(x)
	}
}

// TestConformanceThroughTheTypedAPI replays tests/conformance/cases.json through the public typed
// API: each step becomes the NewClient, Close, method or package-level call it stands for, with
// the case's parameters decoded into this package's types; the typed result, encoded back to
// JSON, meets the case's expectation and feeds the values later steps use. Steps with no typed
// form (malformed text, foreign client ids, unknown names) are listed with the reason.
func TestConformanceThroughTheTypedAPI(t *testing.T) {
	f := ready(t, &fxTyped)
	ctx := context.Background()
	var cases []struct {
		Name  string           `json:"name"`
		Steps []map[string]any `json:"steps"`
	}
	readJSON(t, "tests/conformance/cases.json", &cases)
	typed, untyped := 0, 0
	covered := map[string]bool{}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			vars := map[string]any{
				"writer_token": f.confWriter, "reader_token": f.confReader, "vault_id": f.confVault,
				"group_id": f.confGroup, "environment_id": f.confEnv,
			}
			var clients []*Client
			defer func() {
				for _, client := range clients {
					_ = client.Close()
				}
			}()
			for i, step := range c.Steps {
				got, err, why := typedStep(ctx, step, vars)
				if why != "" {
					untyped++
					t.Logf("step %d (%v) has no typed form: %s", i, step["fn"], why)
					continue
				}
				typed++
				if client, ok := got.(*Client); ok && client != nil {
					clients = append(clients, client)
				}
				if arg, ok := step["arg"].(map[string]any); ok {
					if inv, ok := arg["invocation"].(map[string]any); ok {
						name, _ := inv["parameters"].(map[string]any)["name"].(string)
						covered[name] = true
					}
				}
				expect, _ := step["expect"].(map[string]any)
				// A typed call on a closed client never reaches the core: where the raw replay gets
				// the core's Internal error for a released id, the typed API returns ErrClientClosed.
				if want, _ := expect["error"].(string); want == "Internal" && errors.Is(err, ErrClientClosed) {
					continue
				}
				text := resultText(got)
				if why := verdict(text, err, expect); why != "" {
					t.Fatalf("step %d (%v): %s", i, step["fn"], why)
				}
				parsed := parseResult(text)
				if keys, ok := step["expect_keys"].([]any); ok {
					obj, _ := parsed.(map[string]any)
					for _, k := range keys {
						if _, ok := obj[k.(string)]; !ok {
							t.Fatalf("step %d: the typed result lacks %v: %s", i, k, text)
						}
					}
				}
				if saves, ok := step["save"].(map[string]any); ok {
					for name, p := range saves {
						if client, ok := got.(*Client); ok && client != nil && p == "" {
							vars[name] = client
							continue
						}
						v, ok := pointer(parsed, p.(string))
						if !ok {
							t.Fatalf("step %d: no %v in %s", i, p, text)
						}
						vars[name] = v
					}
				}
			}
		})
	}
	var missing []string
	for name := range covered {
		if _, client := typedCalls[name]; !client {
			if _, sync := typedSyncCalls[name]; !sync {
				missing = append(missing, name)
			}
		}
	}
	t.Logf("%d steps replayed through the typed API, %d without a typed form; invocations: %s", typed, untyped, strings.Join(keys(covered), ", "))
	if typed == 0 || len(missing) > 0 {
		t.Fatalf("typed steps %d; invocations without a typed call: %v", typed, missing)
	}
}

// TestTheTypedReplayCoversTheCatalogue keeps typedCalls complete: every invocation of the
// schema's catalogue has its typed call.
func TestTheTypedReplayCoversTheCatalogue(t *testing.T) {
	var schema struct {
		Defs map[string]struct {
			OneOf []struct {
				Properties map[string]struct {
					Const string `json:"const"`
				} `json:"properties"`
			} `json:"oneOf"`
		} `json:"$defs"`
	}
	readJSON(t, "schema/opkit.schema.json", &schema)
	for def, calls := range map[string]func(string) bool{
		// The catalogue lets invoke run the sync operations too; the typed API runs them itself.
		"ClientMethod": func(n string) bool { _, c := typedCalls[n]; _, s := typedSyncCalls[n]; return c || s },
		"SyncMethod":   func(n string) bool { _, ok := typedSyncCalls[n]; return ok },
	} {
		variants := schema.Defs[def].OneOf
		if len(variants) == 0 {
			t.Fatalf("the schema has no %s", def)
		}
		for _, v := range variants {
			if name := v.Properties["name"].Const; !calls(name) {
				t.Errorf("%s %s has no typed call in the replay", def, name)
			}
		}
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		if k != "" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
