package opkit

import "context"

// ItemsAPI manages the items of vaults.
type ItemsAPI interface {
	// Create creates an item.
	Create(ctx context.Context, params ItemCreateParams) (Item, error)
	// CreateAll creates items in one vault; each gets its own result or error.
	CreateAll(ctx context.Context, vaultID string, params []ItemCreateParams) (ItemsUpdateAllResponse, error)
	// Get reads an item.
	Get(ctx context.Context, vaultID string, itemID string) (Item, error)
	// GetAll reads items of one vault; each gets its own result or error.
	GetAll(ctx context.Context, vaultID string, itemIds []string) (ItemsGetAllResponse, error)
	// Put replaces an item; a stale Version is refused.
	Put(ctx context.Context, item Item) (Item, error)
	// Delete moves an item to Recently Deleted.
	Delete(ctx context.Context, vaultID string, itemID string) error
	// DeleteAll deletes items of one vault; each gets its own result or error.
	DeleteAll(ctx context.Context, vaultID string, itemIds []string) (ItemsDeleteAllResponse, error)
	// Archive archives an item.
	Archive(ctx context.Context, vaultID string, itemID string) error
	// List lists the items of a vault (active ones unless a filter says otherwise).
	List(ctx context.Context, vaultID string, filters ...ItemListFilter) ([]ItemOverview, error)
	// Shares returns the item sharing namespace.
	Shares() ItemsSharesAPI
	// Files returns the item files namespace.
	Files() ItemsFilesAPI
}

// ItemsSource implements ItemsAPI for a Client.
type ItemsSource struct {
	*innerClient
	SharesAPI ItemsSharesAPI
	FilesAPI  ItemsFilesAPI
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Create creates an item.
func (i ItemsSource) Create(ctx context.Context, params ItemCreateParams) (Item, error) {
	return decode[Item](i.invoke(ctx, itemsCreateParameters{Params: params}))
}

// CreateAll creates items in one vault; each gets its own result or error.
func (i ItemsSource) CreateAll(ctx context.Context, vaultID string, params []ItemCreateParams) (ItemsUpdateAllResponse, error) {
	return decode[ItemsUpdateAllResponse](i.invoke(ctx, itemsCreateAllParameters{VaultID: vaultID, Params: nonNil(params)}))
}

// Get reads an item.
func (i ItemsSource) Get(ctx context.Context, vaultID string, itemID string) (Item, error) {
	return decode[Item](i.invoke(ctx, itemsGetParameters{VaultID: vaultID, ItemID: itemID}))
}

// GetAll reads items of one vault; each gets its own result or error.
func (i ItemsSource) GetAll(ctx context.Context, vaultID string, itemIds []string) (ItemsGetAllResponse, error) {
	return decode[ItemsGetAllResponse](i.invoke(ctx, itemsGetAllParameters{VaultID: vaultID, ItemIds: nonNil(itemIds)}))
}

// Put replaces an item; a stale Version is refused.
func (i ItemsSource) Put(ctx context.Context, item Item) (Item, error) {
	return decode[Item](i.invoke(ctx, itemsPutParameters{Item: item}))
}

// Delete moves an item to Recently Deleted.
func (i ItemsSource) Delete(ctx context.Context, vaultID string, itemID string) error {
	_, err := i.invoke(ctx, itemsDeleteParameters{VaultID: vaultID, ItemID: itemID})
	return err
}

// DeleteAll deletes items of one vault; each gets its own result or error.
func (i ItemsSource) DeleteAll(ctx context.Context, vaultID string, itemIds []string) (ItemsDeleteAllResponse, error) {
	return decode[ItemsDeleteAllResponse](i.invoke(ctx, itemsDeleteAllParameters{VaultID: vaultID, ItemIds: nonNil(itemIds)}))
}

// Archive archives an item.
func (i ItemsSource) Archive(ctx context.Context, vaultID string, itemID string) error {
	_, err := i.invoke(ctx, itemsArchiveParameters{VaultID: vaultID, ItemID: itemID})
	return err
}

// List lists the items of a vault (active ones unless a filter says otherwise).
func (i ItemsSource) List(ctx context.Context, vaultID string, filters ...ItemListFilter) ([]ItemOverview, error) {
	return decode[[]ItemOverview](i.invoke(ctx, itemsListParameters{VaultID: vaultID, Filters: nonNil(filters)}))
}

// Shares returns the item sharing namespace.
func (i ItemsSource) Shares() ItemsSharesAPI { return i.SharesAPI }

// Files returns the item files namespace.
func (i ItemsSource) Files() ItemsFilesAPI { return i.FilesAPI }

// ItemsSharesAPI creates share links for items.
type ItemsSharesAPI interface {
	// GetAccountPolicy returns the account's sharing policy for an item.
	GetAccountPolicy(ctx context.Context, vaultID string, itemID string) (ItemShareAccountPolicy, error)
	// ValidateRecipients checks emails or domains against the policy.
	ValidateRecipients(ctx context.Context, policy ItemShareAccountPolicy, recipients []string) ([]ValidRecipient, error)
	// Create creates a share link and returns its URL.
	Create(ctx context.Context, item Item, policy ItemShareAccountPolicy, params ItemShareParams) (string, error)
}

// ItemsSharesSource implements ItemsSharesAPI for a Client.
type ItemsSharesSource struct{ *innerClient }

// GetAccountPolicy returns the account's sharing policy for an item.
func (s ItemsSharesSource) GetAccountPolicy(ctx context.Context, vaultID string, itemID string) (ItemShareAccountPolicy, error) {
	return decode[ItemShareAccountPolicy](s.invoke(ctx, itemsSharesGetAccountPolicyParameters{VaultID: vaultID, ItemID: itemID}))
}

// ValidateRecipients checks emails or domains against the policy.
func (s ItemsSharesSource) ValidateRecipients(ctx context.Context, policy ItemShareAccountPolicy, recipients []string) ([]ValidRecipient, error) {
	return decode[[]ValidRecipient](s.invoke(ctx, itemsSharesValidateRecipientsParameters{Policy: policy, Recipients: nonNil(recipients)}))
}

// Create creates a share link and returns its URL.
func (s ItemsSharesSource) Create(ctx context.Context, item Item, policy ItemShareAccountPolicy, params ItemShareParams) (string, error) {
	return decode[string](s.invoke(ctx, itemsSharesCreateParameters{Item: item, Policy: policy, Params: params}))
}

// ItemsFilesAPI manages the files of items.
type ItemsFilesAPI interface {
	// Attach adds a file field to an item.
	Attach(ctx context.Context, item Item, fileParams FileCreateParams) (Item, error)
	// Read returns a file's content.
	Read(ctx context.Context, vaultID string, itemID string, attr FileAttributes) ([]byte, error)
	// Delete removes a file field, identified as in Item.Files.
	Delete(ctx context.Context, item Item, sectionID string, fieldID string) (Item, error)
	// ReplaceDocument replaces the document of a Document item.
	ReplaceDocument(ctx context.Context, item Item, docParams DocumentCreateParams) (Item, error)
}

// ItemsFilesSource implements ItemsFilesAPI for a Client.
type ItemsFilesSource struct{ *innerClient }

// Attach adds a file field to an item.
func (f ItemsFilesSource) Attach(ctx context.Context, item Item, fileParams FileCreateParams) (Item, error) {
	return decode[Item](f.invoke(ctx, itemsFilesAttachParameters{Item: item, FileParams: fileParams}))
}

// Read returns a file's content.
func (f ItemsFilesSource) Read(ctx context.Context, vaultID string, itemID string, attr FileAttributes) ([]byte, error) {
	return decode[[]byte](f.invoke(ctx, itemsFilesReadParameters{VaultID: vaultID, ItemID: itemID, Attr: attr}))
}

// Delete removes a file field, identified as in Item.Files.
func (f ItemsFilesSource) Delete(ctx context.Context, item Item, sectionID string, fieldID string) (Item, error) {
	return decode[Item](f.invoke(ctx, itemsFilesDeleteParameters{Item: item, SectionID: sectionID, FieldID: fieldID}))
}

// ReplaceDocument replaces the document of a Document item.
func (f ItemsFilesSource) ReplaceDocument(ctx context.Context, item Item, docParams DocumentCreateParams) (Item, error) {
	return decode[Item](f.invoke(ctx, itemsFilesReplaceDocumentParameters{Item: item, DocParams: docParams}))
}
