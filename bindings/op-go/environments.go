package opkit

import "context"

// EnvironmentsAPI reads Environments.
type EnvironmentsAPI interface {
	// GetVariables returns the variables of an Environment.
	GetVariables(ctx context.Context, environmentID string) (GetVariablesResponse, error)
}

// EnvironmentsSource implements EnvironmentsAPI for a Client.
type EnvironmentsSource struct{ *innerClient }

// GetVariables returns the variables of an Environment.
func (e EnvironmentsSource) GetVariables(ctx context.Context, environmentID string) (GetVariablesResponse, error) {
	return decode[GetVariablesResponse](e.invoke(ctx, environmentsGetVariablesParameters{EnvironmentID: environmentID}))
}
