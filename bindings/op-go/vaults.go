package opkit

import "context"

// VaultsAPI manages vaults and their group permissions.
type VaultsAPI interface {
	// Create creates a vault.
	Create(ctx context.Context, params VaultCreateParams) (Vault, error)
	// List lists the vaults the client can access (only the first params, if any, is used).
	List(ctx context.Context, params ...VaultListParams) ([]VaultOverview, error)
	// GetOverview describes a vault.
	GetOverview(ctx context.Context, vaultID string) (VaultOverview, error)
	// Get describes a vault, with its accessors if asked for.
	Get(ctx context.Context, vaultID string, vaultParams VaultGetParams) (Vault, error)
	// Update changes a vault's title and/or description.
	Update(ctx context.Context, vaultID string, params VaultUpdateParams) (Vault, error)
	// Delete deletes a vault.
	Delete(ctx context.Context, vaultID string) error
	// GrantGroupPermissions adds groups' permissions on a vault.
	GrantGroupPermissions(ctx context.Context, vaultID string, groupPermissionsList []GroupAccess) error
	// UpdateGroupPermissions replaces groups' permission sets on vaults.
	UpdateGroupPermissions(ctx context.Context, groupPermissionsList []GroupVaultAccess) error
	// RevokeGroupPermissions removes all of a group's access to a vault.
	RevokeGroupPermissions(ctx context.Context, vaultID string, groupID string) error
}

// VaultsSource implements VaultsAPI for a Client.
type VaultsSource struct{ *innerClient }

// Create creates a vault.
func (v VaultsSource) Create(ctx context.Context, p VaultCreateParams) (Vault, error) {
	return decode[Vault](v.invoke(ctx, vaultsCreateParameters{Params: p}))
}

// List lists the vaults the client can access (only the first params, if any, is used).
func (v VaultsSource) List(ctx context.Context, p ...VaultListParams) ([]VaultOverview, error) {
	var first *VaultListParams
	if len(p) > 0 {
		first = &p[0]
	}
	return decode[[]VaultOverview](v.invoke(ctx, vaultsListParameters{Params: first}))
}

// GetOverview describes a vault.
func (v VaultsSource) GetOverview(ctx context.Context, vaultID string) (VaultOverview, error) {
	return decode[VaultOverview](v.invoke(ctx, vaultsGetOverviewParameters{VaultID: vaultID}))
}

// Get describes a vault, with its accessors if asked for.
func (v VaultsSource) Get(ctx context.Context, vaultID string, vaultParams VaultGetParams) (Vault, error) {
	return decode[Vault](v.invoke(ctx, vaultsGetParameters{VaultID: vaultID, VaultParams: vaultParams}))
}

// Update changes a vault's title and/or description.
func (v VaultsSource) Update(ctx context.Context, vaultID string, p VaultUpdateParams) (Vault, error) {
	return decode[Vault](v.invoke(ctx, vaultsUpdateParameters{VaultID: vaultID, Params: p}))
}

// Delete deletes a vault.
func (v VaultsSource) Delete(ctx context.Context, vaultID string) error {
	_, err := v.invoke(ctx, vaultsDeleteParameters{VaultID: vaultID})
	return err
}

// GrantGroupPermissions adds groups' permissions on a vault.
func (v VaultsSource) GrantGroupPermissions(ctx context.Context, vaultID string, groupPermissionsList []GroupAccess) error {
	_, err := v.invoke(ctx, vaultsGrantGroupPermissionsParameters{VaultID: vaultID, GroupPermissionsList: nonNil(groupPermissionsList)})
	return err
}

// UpdateGroupPermissions replaces groups' permission sets on vaults.
func (v VaultsSource) UpdateGroupPermissions(ctx context.Context, groupPermissionsList []GroupVaultAccess) error {
	_, err := v.invoke(ctx, vaultsUpdateGroupPermissionsParameters{GroupPermissionsList: nonNil(groupPermissionsList)})
	return err
}

// RevokeGroupPermissions removes all of a group's access to a vault.
func (v VaultsSource) RevokeGroupPermissions(ctx context.Context, vaultID string, groupID string) error {
	_, err := v.invoke(ctx, vaultsRevokeGroupPermissionsParameters{VaultID: vaultID, GroupID: groupID})
	return err
}
