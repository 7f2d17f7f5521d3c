// Command quickstart is the README example: load a secret from an opkit vault file with the API
// of the official Go SDK. Run it with OP_SERVICE_ACCOUNT_TOKEN set to a token from
// `opkit service-account create`.
package main

import (
	"context"
	"fmt"
	"os"

	opkit "github.com/opkit/opkit/bindings/op-go"
)

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	client, err := opkit.NewClient(ctx,
		opkit.WithServiceAccountToken(os.Getenv("OP_SERVICE_ACCOUNT_TOKEN")),
		opkit.WithIntegrationInfo("opkit quickstart", "v1.0.0"))
	if err != nil {
		return err
	}
	defer client.Close()

	vaults, err := client.Vaults().List(ctx)
	if err != nil || len(vaults) == 0 {
		return fmt.Errorf("no vault to write to: %v", err)
	}
	vault := vaults[0]
	item, err := client.Items().Create(ctx, opkit.ItemCreateParams{
		Category: opkit.ItemCategoryLogin, VaultID: vault.ID, Title: "Quickstart",
		Fields: []opkit.ItemField{
			{ID: "password", Title: "password", FieldType: opkit.ItemFieldTypeConcealed, Value: "not-a-real-secret"},
		},
	})
	if err != nil {
		return err
	}
	fmt.Printf("created %s\n", item.Title)

	password, err := client.Secrets().Resolve(ctx, "op://"+vault.Title+"/Quickstart/password")
	if err != nil {
		return err
	}
	fmt.Printf("resolved a secret of %d characters\n", len(password))

	pin, err := opkit.Secrets.GeneratePassword(ctx, opkit.NewPasswordRecipeTypeVariantPin(&opkit.PasswordRecipePinInner{Length: 6}))
	if err != nil {
		return err
	}
	fmt.Printf("generated a %d-digit PIN\n", len(pin.Password))
	return client.Items().Delete(ctx, vault.ID, item.ID)
}
