package opkit

import "context"

// SecretsAPI loads secrets by secret reference: op://<vault>/<item>[/<section>]/<field>.
type SecretsAPI interface {
	// Resolve returns the secret a reference points to.
	Resolve(ctx context.Context, secretReference string) (string, error)
	// ResolveAll resolves many references at once; each gets its own result or error.
	ResolveAll(ctx context.Context, secretReferences []string) (ResolveAllResponse, error)
}

// SecretsSource implements SecretsAPI for a Client.
type SecretsSource struct{ *innerClient }

// Resolve returns the secret a reference points to.
func (s SecretsSource) Resolve(ctx context.Context, secretReference string) (string, error) {
	return decode[string](s.invoke(ctx, secretsResolveParameters{SecretReference: secretReference}))
}

// ResolveAll resolves many references at once; each gets its own result or error.
func (s SecretsSource) ResolveAll(ctx context.Context, secretReferences []string) (ResolveAllResponse, error) {
	if secretReferences == nil {
		secretReferences = []string{}
	}
	return decode[ResolveAllResponse](s.invoke(ctx, secretsResolveAllParameters{SecretReferences: secretReferences}))
}

// Secrets holds the operations that need no client.
var Secrets = secretsUtil{}

type secretsUtil struct{}

// ValidateSecretReference checks a secret reference's syntax without resolving it; a bad one is
// a *ParsingSecretReferenceError saying what is wrong.
func (secretsUtil) ValidateSecretReference(ctx context.Context, secretReference string) error {
	_, err := invokeSync(ctx, validateSecretReferenceParameters{SecretReference: secretReference})
	return err
}

// GeneratePassword makes a password from a recipe; a recipe out of range is an
// *InvalidConfigurationError listing every problem.
func (secretsUtil) GeneratePassword(ctx context.Context, recipe PasswordRecipe) (GeneratePasswordResponse, error) {
	return decode[GeneratePasswordResponse](invokeSync(ctx, generatePasswordParameters{Recipe: recipe}))
}
