package opkit

// ItemCategory is an item's category.
type ItemCategory string

// The item categories.
const (
	ItemCategoryLogin                ItemCategory = "Login"
	ItemCategorySecureNote           ItemCategory = "SecureNote"
	ItemCategoryCreditCard           ItemCategory = "CreditCard"
	ItemCategoryCryptoWallet         ItemCategory = "CryptoWallet"
	ItemCategoryIdentity             ItemCategory = "Identity"
	ItemCategoryPassword             ItemCategory = "Password"
	ItemCategoryDocument             ItemCategory = "Document"
	ItemCategoryAPICredentials       ItemCategory = "ApiCredentials"
	ItemCategoryBankAccount          ItemCategory = "BankAccount"
	ItemCategoryDatabase             ItemCategory = "Database"
	ItemCategoryDriverLicense        ItemCategory = "DriverLicense"
	ItemCategoryEmail                ItemCategory = "Email"
	ItemCategoryMedicalRecord        ItemCategory = "MedicalRecord"
	ItemCategoryMembership           ItemCategory = "Membership"
	ItemCategoryOutdoorLicense       ItemCategory = "OutdoorLicense"
	ItemCategoryPassport             ItemCategory = "Passport"
	ItemCategoryRewards              ItemCategory = "Rewards"
	ItemCategoryRouter               ItemCategory = "Router"
	ItemCategoryServer               ItemCategory = "Server"
	ItemCategorySSHKey               ItemCategory = "SshKey"
	ItemCategorySocialSecurityNumber ItemCategory = "SocialSecurityNumber"
	ItemCategorySoftwareLicense      ItemCategory = "SoftwareLicense"
	ItemCategoryPerson               ItemCategory = "Person"
	ItemCategoryUnsupported          ItemCategory = "Unsupported"
)

// ItemFieldType is a field's type.
type ItemFieldType string

// The field types.
const (
	ItemFieldTypeText             ItemFieldType = "Text"
	ItemFieldTypeConcealed        ItemFieldType = "Concealed"
	ItemFieldTypeCreditCardType   ItemFieldType = "CreditCardType"
	ItemFieldTypeCreditCardNumber ItemFieldType = "CreditCardNumber"
	ItemFieldTypePhone            ItemFieldType = "Phone"
	ItemFieldTypeURL              ItemFieldType = "Url"
	ItemFieldTypeTOTP             ItemFieldType = "Totp"
	ItemFieldTypeEmail            ItemFieldType = "Email"
	ItemFieldTypeReference        ItemFieldType = "Reference"
	ItemFieldTypeSSHKey           ItemFieldType = "SshKey"
	ItemFieldTypeMenu             ItemFieldType = "Menu"
	ItemFieldTypeMonthYear        ItemFieldType = "MonthYear"
	ItemFieldTypeAddress          ItemFieldType = "Address"
	ItemFieldTypeDate             ItemFieldType = "Date"
	ItemFieldTypeUnsupported      ItemFieldType = "Unsupported"
)

// AutofillBehavior controls how a website is autofilled.
type AutofillBehavior string

// The autofill behaviours.
const (
	AutofillBehaviorAnywhereOnWebsite AutofillBehavior = "AnywhereOnWebsite"
	AutofillBehaviorExactDomain       AutofillBehavior = "ExactDomain"
	AutofillBehaviorNever             AutofillBehavior = "Never"
)

// ItemState is whether an item is active or archived.
type ItemState string

// The item states.
const (
	ItemStateActive   ItemState = "active"
	ItemStateArchived ItemState = "archived"
)

// ItemShareDuration is how long a share link lives.
type ItemShareDuration string

// The share durations.
const (
	ItemShareDurationOneHour      ItemShareDuration = "OneHour"
	ItemShareDurationOneDay       ItemShareDuration = "OneDay"
	ItemShareDurationSevenDays    ItemShareDuration = "SevenDays"
	ItemShareDurationFourteenDays ItemShareDuration = "FourteenDays"
	ItemShareDurationThirtyDays   ItemShareDuration = "ThirtyDays"
)

// AllowedType is a kind of share link the account allows.
type AllowedType string

// The share link kinds.
const (
	AllowedTypeAuthenticated AllowedType = "Authenticated"
	AllowedTypePublic        AllowedType = "Public"
)

// AllowedRecipientType is a kind of share recipient the account allows.
type AllowedRecipientType string

// The recipient kinds.
const (
	AllowedRecipientTypeEmail  AllowedRecipientType = "Email"
	AllowedRecipientTypeDomain AllowedRecipientType = "Domain"
)

// VaultType is a vault's type.
type VaultType string

// The vault types.
const (
	VaultTypePersonal    VaultType = "personal"
	VaultTypeEveryone    VaultType = "everyone"
	VaultTypeTransfer    VaultType = "transfer"
	VaultTypeUserCreated VaultType = "userCreated"
	VaultTypeUnsupported VaultType = "unsupported"
)

// VaultAccessorType is who holds a vault access: a user or a group.
type VaultAccessorType string

// The accessor types.
const (
	VaultAccessorTypeUser  VaultAccessorType = "user"
	VaultAccessorTypeGroup VaultAccessorType = "group"
)

// GroupType is a group's type.
type GroupType string

// The group types.
const (
	GroupTypeOwners                  GroupType = "owners"
	GroupTypeAdministrators          GroupType = "administrators"
	GroupTypeRecovery                GroupType = "recovery"
	GroupTypeExternalAccountManagers GroupType = "externalAccountManagers"
	GroupTypeTeamMembers             GroupType = "teamMembers"
	GroupTypeUserDefined             GroupType = "userDefined"
	GroupTypeUnsupported             GroupType = "unsupported"
)

// GroupState is a group's state.
type GroupState string

// The group states.
const (
	GroupStateActive      GroupState = "active"
	GroupStateDeleted     GroupState = "deleted"
	GroupStateUnsupported GroupState = "unsupported"
)

// SeparatorType separates the words of a memorable password.
type SeparatorType string

// The separators.
const (
	SeparatorTypeDigits           SeparatorType = "digits"
	SeparatorTypeDigitsAndSymbols SeparatorType = "digitsAndSymbols"
	SeparatorTypeSpaces           SeparatorType = "spaces"
	SeparatorTypeHyphens          SeparatorType = "hyphens"
	SeparatorTypeUnderscores      SeparatorType = "underscores"
	SeparatorTypePeriods          SeparatorType = "periods"
	SeparatorTypeCommas           SeparatorType = "commas"
)

// WordListType is the word list of a memorable password.
type WordListType string

// The word lists.
const (
	WordListTypeFullWords    WordListType = "fullWords"
	WordListTypeSyllables    WordListType = "syllables"
	WordListTypeThreeLetters WordListType = "threeLetters"
)

// Vault permissions (protocol §9.7): bit flags, combine with |.
const (
	NoAccess           uint32 = 0
	RecoverVault       uint32 = 1
	ManageVault        uint32 = 2
	RevealItemPassword uint32 = 16
	ReadItems          uint32 = 32
	UpdateItems        uint32 = 64
	CreateItems        uint32 = 128
	ArchiveItems       uint32 = 256
	DeleteItems        uint32 = 512
	UpdateItemHistory  uint32 = 1024
	SendItems          uint32 = 1048576
	ImportItems        uint32 = 2097152
	ExportItems        uint32 = 4194304
	PrintItems         uint32 = 8388608
)
