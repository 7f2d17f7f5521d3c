package opkit

import "time"

// The wire types of protocol §9 with the official Go names. Field names are camelCase on the
// wire; optional fields are pointers or slices with omitempty. Enums are open string types: the
// core may return values newer than this package, and they pass through unchanged.

// ErrorMessage is the message carried by some variants of the error unions.
type ErrorMessage string

// Item is a vault item as the core returns it from Get, Create and Put.
type Item struct {
	ID        string          `json:"id"`
	Title     string          `json:"title"`
	Category  ItemCategory    `json:"category"`
	VaultID   string          `json:"vaultId"`
	Fields    []ItemField     `json:"fields"`
	Sections  []ItemSection   `json:"sections"`
	Notes     string          `json:"notes"`
	Tags      []string        `json:"tags"`
	Websites  []Website       `json:"websites"`
	Version   uint32          `json:"version"`
	Files     []ItemFile      `json:"files"`
	Document  *FileAttributes `json:"document,omitempty"`
	CreatedAt time.Time       `json:"createdAt"`
	UpdatedAt time.Time       `json:"updatedAt"`
}

// ItemCreateParams describes a new item.
type ItemCreateParams struct {
	Category ItemCategory          `json:"category"`
	VaultID  string                `json:"vaultId"`
	Title    string                `json:"title"`
	Fields   []ItemField           `json:"fields,omitempty"`
	Sections []ItemSection         `json:"sections,omitempty"`
	Notes    *string               `json:"notes,omitempty"`
	Tags     []string              `json:"tags,omitempty"`
	Websites []Website             `json:"websites,omitempty"`
	Files    []FileCreateParams    `json:"files,omitempty"`
	Document *DocumentCreateParams `json:"document,omitempty"`
}

// ItemField is a field of an item; Value is the string form of its value.
type ItemField struct {
	ID        string            `json:"id"`
	Title     string            `json:"title"`
	SectionID *string           `json:"sectionId,omitempty"`
	FieldType ItemFieldType     `json:"fieldType"`
	Value     string            `json:"value"`
	Details   *ItemFieldDetails `json:"details,omitempty"`
}

// ItemSection groups fields of an item; "" is the default, unnamed section.
type ItemSection struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Website is an autofill website of an item.
type Website struct {
	URL              string           `json:"url"`
	Label            string           `json:"label"`
	AutofillBehavior AutofillBehavior `json:"autofillBehavior"`
}

// ItemFile is a file field of an item.
type ItemFile struct {
	Attributes FileAttributes `json:"attributes"`
	SectionID  string         `json:"sectionId"`
	FieldID    string         `json:"fieldId"`
}

// FileAttributes identifies a stored file.
type FileAttributes struct {
	Name string `json:"name"`
	ID   string `json:"id"`
	Size uint32 `json:"size"`
}

// FileCreateParams is a file to attach to an item.
type FileCreateParams struct {
	Name      string `json:"name"`
	Content   []byte `json:"content"`
	SectionID string `json:"sectionId"`
	FieldID   string `json:"fieldId"`
}

// DocumentCreateParams is the document of a Document item.
type DocumentCreateParams struct {
	Name    string `json:"name"`
	Content []byte `json:"content"`
}

// OTPFieldDetails carries the current one-time code of a TOTP field, or why there is none.
type OTPFieldDetails struct {
	Code         *string `json:"code,omitempty"`
	ErrorMessage *string `json:"errorMessage,omitempty"`
}

// SSHKeyAttributes are what the core derives from an SSH Key field's private key.
type SSHKeyAttributes struct {
	PublicKey   string `json:"publicKey"`
	Fingerprint string `json:"fingerprint"`
	KeyType     string `json:"keyType"`
}

// AddressFieldDetails are the parts of an Address field.
type AddressFieldDetails struct {
	Street  string `json:"street"`
	City    string `json:"city"`
	Country string `json:"country"`
	Zip     string `json:"zip"`
	State   string `json:"state"`
}

// ItemOverview is an item as listed, without fields or notes.
type ItemOverview struct {
	ID        string       `json:"id"`
	Title     string       `json:"title"`
	Category  ItemCategory `json:"category"`
	VaultID   string       `json:"vaultId"`
	Websites  []Website    `json:"websites"`
	Tags      []string     `json:"tags"`
	CreatedAt time.Time    `json:"createdAt"`
	UpdatedAt time.Time    `json:"updatedAt"`
	State     ItemState    `json:"state"`
}

// ItemListFilterByStateInner selects active and/or archived items.
type ItemListFilterByStateInner struct {
	Active   bool `json:"active"`
	Archived bool `json:"archived"`
}

// Response is one result of a batch operation: Content on success, Error otherwise.
type Response[T any, E any] struct {
	Content *T `json:"content,omitempty"`
	Error   *E `json:"error,omitempty"`
}

// ItemsUpdateAllResponse is the result of Items().CreateAll, one response per item in order.
type ItemsUpdateAllResponse struct {
	IndividualResponses []Response[Item, ItemUpdateFailureReason] `json:"individualResponses"`
}

// ItemsGetAllResponse is the result of Items().GetAll, one response per id in order.
type ItemsGetAllResponse struct {
	IndividualResponses []Response[Item, ItemsGetAllError] `json:"individualResponses"`
}

// ItemsDeleteAllResponse is the result of Items().DeleteAll, keyed by item id.
type ItemsDeleteAllResponse struct {
	IndividualResponses map[string]Response[struct{}, ItemUpdateFailureReason] `json:"individualResponses"`
}

// ResolveAllResponse is the result of Secrets().ResolveAll, keyed by secret reference.
type ResolveAllResponse struct {
	IndividualResponses map[string]Response[ResolvedReference, ResolveReferenceError] `json:"individualResponses"`
}

// ResolvedReference is a resolved secret and where it came from.
type ResolvedReference struct {
	Secret  string `json:"secret"`
	ItemID  string `json:"itemId"`
	VaultID string `json:"vaultId"`
}

// ItemShareAccountPolicy is the account's policy for item share links.
type ItemShareAccountPolicy struct {
	MaxExpiry             ItemShareDuration      `json:"maxExpiry"`
	DefaultExpiry         ItemShareDuration      `json:"defaultExpiry"`
	MaxViews              *uint32                `json:"maxViews,omitempty"`
	AllowedTypes          []AllowedType          `json:"allowedTypes"`
	AllowedRecipientTypes []AllowedRecipientType `json:"allowedRecipientTypes"`
	Files                 ItemShareFiles         `json:"files"`
}

// ItemShareFiles is the policy for sharing files.
type ItemShareFiles struct {
	Allowed               bool                   `json:"allowed"`
	MaxSize               uint32                 `json:"maxSize"`
	AllowedTypes          []AllowedType          `json:"allowedTypes,omitempty"`
	AllowedRecipientTypes []AllowedRecipientType `json:"allowedRecipientTypes,omitempty"`
	MaxExpiry             *ItemShareDuration     `json:"maxExpiry,omitempty"`
	DefaultExpiry         *ItemShareDuration     `json:"defaultExpiry,omitempty"`
	MaxViews              *uint32                `json:"maxViews,omitempty"`
}

// ItemShareParams configures a share link within the account policy.
type ItemShareParams struct {
	Recipients  []ValidRecipient   `json:"recipients,omitempty"`
	ExpireAfter *ItemShareDuration `json:"expireAfter,omitempty"`
	OneTimeOnly bool               `json:"oneTimeOnly"`
}

// ValidRecipientEmailInner is an email recipient.
type ValidRecipientEmailInner struct {
	Email string `json:"email"`
}

// ValidRecipientDomainInner is a domain recipient.
type ValidRecipientDomainInner struct {
	Domain string `json:"domain"`
}

// VaultOverview describes a vault.
type VaultOverview struct {
	ID               string    `json:"id"`
	Title            string    `json:"title"`
	Description      string    `json:"description"`
	VaultType        VaultType `json:"vaultType"`
	ActiveItemCount  uint32    `json:"activeItemCount"`
	ContentVersion   uint32    `json:"contentVersion"`
	AttributeVersion uint32    `json:"attributeVersion"`
	CreatedAt        time.Time `json:"createdAt"`
	UpdatedAt        time.Time `json:"updatedAt"`
}

// Vault describes a vault and, when asked for, who can access it.
type Vault struct {
	ID               string        `json:"id"`
	Title            string        `json:"title"`
	Description      string        `json:"description"`
	VaultType        VaultType     `json:"vaultType"`
	ActiveItemCount  uint32        `json:"activeItemCount"`
	ContentVersion   uint32        `json:"contentVersion"`
	AttributeVersion uint32        `json:"attributeVersion"`
	Access           []VaultAccess `json:"access,omitempty"`
}

// VaultAccess is one accessor's permissions on a vault (a bit set of the permission constants).
type VaultAccess struct {
	VaultUuid    string            `json:"vaultUuid"`
	AccessorType VaultAccessorType `json:"accessorType"`
	AccessorUuid string            `json:"accessorUuid"`
	Permissions  uint32            `json:"permissions"`
}

// VaultCreateParams describes a new vault.
type VaultCreateParams struct {
	Title             string  `json:"title"`
	Description       *string `json:"description,omitempty"`
	AllowAdminsAccess *bool   `json:"allowAdminsAccess,omitempty"`
}

// VaultUpdateParams changes a vault's title and/or description.
type VaultUpdateParams struct {
	Title       *string `json:"title,omitempty"`
	Description *string `json:"description,omitempty"`
}

// VaultGetParams asks for extra information about a vault.
type VaultGetParams struct {
	Accessors *bool `json:"accessors,omitempty"`
}

// VaultListParams configures Vaults().List.
type VaultListParams struct {
	DecryptDetails *bool `json:"decryptDetails,omitempty"`
}

// Group describes a group and, when asked for, its vault access.
type Group struct {
	ID          string        `json:"id"`
	Title       string        `json:"title"`
	Description string        `json:"description"`
	GroupType   GroupType     `json:"groupType"`
	State       GroupState    `json:"state"`
	VaultAccess []VaultAccess `json:"vaultAccess,omitempty"`
}

// GroupGetParams asks for extra information about a group.
type GroupGetParams struct {
	VaultPermissions *bool `json:"vaultPermissions,omitempty"`
}

// GroupAccess is a group's permissions to grant on a vault.
type GroupAccess struct {
	GroupID     string `json:"groupId"`
	Permissions uint32 `json:"permissions"`
}

// GroupVaultAccess is a group's new permission set on a vault.
type GroupVaultAccess struct {
	VaultID     string `json:"vaultId"`
	GroupID     string `json:"groupId"`
	Permissions uint32 `json:"permissions"`
}

// PasswordRecipeMemorableInner: words from a word list with separators.
type PasswordRecipeMemorableInner struct {
	SeparatorType SeparatorType `json:"separatorType"`
	Capitalize    bool          `json:"capitalize"`
	WordListType  WordListType  `json:"wordListType"`
	WordCount     uint32        `json:"wordCount"`
}

// PasswordRecipePinInner: digits only.
type PasswordRecipePinInner struct {
	Length uint32 `json:"length"`
}

// PasswordRecipeRandomInner: random characters.
type PasswordRecipeRandomInner struct {
	IncludeDigits  bool   `json:"includeDigits"`
	IncludeSymbols bool   `json:"includeSymbols"`
	Length         uint32 `json:"length"`
}

// GeneratePasswordResponse is a generated password.
type GeneratePasswordResponse struct {
	Password string `json:"password"`
}

// GetVariablesResponse holds the variables of an Environment.
type GetVariablesResponse struct {
	Variables []EnvironmentVariable `json:"variables"`
}

// EnvironmentVariable is one variable of an Environment; Masked means hidden by default.
type EnvironmentVariable struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Masked bool   `json:"masked"`
}
