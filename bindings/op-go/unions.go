package opkit

import (
	"encoding/json"
	"fmt"
)

// The protocol's tagged unions (§9): {"type": <tag>, <key>: <content>}, where the content key is
// "parameters", "content" or "message" depending on the union. Each union is a struct with the
// exported tag and an unexported payload, built with NewXTypeVariantY and read with accessors
// named after the variant (nil or "" when the union holds another variant). A tag this package
// does not know keeps its raw payload, so it survives a round trip unchanged.

func marshalTagged(tag string, key string, content any) ([]byte, error) {
	t, err := json.Marshal(tag)
	if err != nil {
		return nil, err
	}
	out := append([]byte(`{"type":`), t...)
	if content != nil {
		c, err := json.Marshal(content)
		if err != nil {
			return nil, err
		}
		out = append(out, `,"`...)
		out = append(out, key...)
		out = append(out, `":`...)
		out = append(out, c...)
	}
	return append(out, '}'), nil
}

func unmarshalTagged(data []byte, key string) (string, json.RawMessage, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return "", nil, err
	}
	var tag string
	if err := json.Unmarshal(raw["type"], &tag); err != nil {
		return "", nil, fmt.Errorf("a tagged union needs a string \"type\": %w", err)
	}
	content := raw[key]
	if string(content) == "null" {
		content = nil
	}
	return tag, content, nil
}

// decodeAs decodes raw union content into T (a pointer to T), keeping absent content absent.
func decodeAs[T any](raw json.RawMessage) (any, error) {
	if raw == nil {
		return nil, nil
	}
	v := new(T)
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, err
	}
	return v, nil
}

// decodeMessage decodes the message of an error-union variant.
func decodeMessage(raw json.RawMessage) (any, error) {
	if raw == nil {
		return nil, nil
	}
	var m ErrorMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	return m, nil
}

func keepRaw(raw json.RawMessage) (any, error) {
	if raw == nil {
		return nil, nil
	}
	return raw, nil
}

func messageOf(content any) ErrorMessage {
	m, _ := content.(ErrorMessage)
	return m
}

// ItemFieldDetailsTypes is the tag of ItemFieldDetails.
type ItemFieldDetailsTypes string

// The variants of ItemFieldDetails (the details of a "Totp" field are tagged "Otp").
const (
	ItemFieldDetailsTypeVariantOTP     ItemFieldDetailsTypes = "Otp"
	ItemFieldDetailsTypeVariantSSHKey  ItemFieldDetailsTypes = "SshKey"
	ItemFieldDetailsTypeVariantAddress ItemFieldDetailsTypes = "Address"
)

// ItemFieldDetails are field type-specific attributes, mostly filled in by the core.
type ItemFieldDetails struct {
	Type    ItemFieldDetailsTypes `json:"type"`
	content any
}

// NewItemFieldDetailsTypeVariantOTP makes OTP details.
func NewItemFieldDetailsTypeVariantOTP(content *OTPFieldDetails) ItemFieldDetails {
	d := ItemFieldDetails{Type: ItemFieldDetailsTypeVariantOTP}
	if content != nil {
		d.content = content
	}
	return d
}

// NewItemFieldDetailsTypeVariantSSHKey makes SSH key details.
func NewItemFieldDetailsTypeVariantSSHKey(content *SSHKeyAttributes) ItemFieldDetails {
	d := ItemFieldDetails{Type: ItemFieldDetailsTypeVariantSSHKey}
	if content != nil {
		d.content = content
	}
	return d
}

// NewItemFieldDetailsTypeVariantAddress makes address details.
func NewItemFieldDetailsTypeVariantAddress(content *AddressFieldDetails) ItemFieldDetails {
	d := ItemFieldDetails{Type: ItemFieldDetailsTypeVariantAddress}
	if content != nil {
		d.content = content
	}
	return d
}

// OTP returns the OTP details, or nil.
func (i ItemFieldDetails) OTP() *OTPFieldDetails {
	v, _ := i.content.(*OTPFieldDetails)
	return v
}

// SSHKey returns the SSH key details, or nil.
func (i ItemFieldDetails) SSHKey() *SSHKeyAttributes {
	v, _ := i.content.(*SSHKeyAttributes)
	return v
}

// Address returns the address details, or nil.
func (i ItemFieldDetails) Address() *AddressFieldDetails {
	v, _ := i.content.(*AddressFieldDetails)
	return v
}

// MarshalJSON writes {"type", "content"}.
func (i ItemFieldDetails) MarshalJSON() ([]byte, error) {
	return marshalTagged(string(i.Type), "content", i.content)
}

// UnmarshalJSON reads {"type", "content"}.
func (i *ItemFieldDetails) UnmarshalJSON(data []byte) error {
	tag, raw, err := unmarshalTagged(data, "content")
	if err != nil {
		return err
	}
	var content any
	switch ItemFieldDetailsTypes(tag) {
	case ItemFieldDetailsTypeVariantOTP:
		content, err = decodeAs[OTPFieldDetails](raw)
	case ItemFieldDetailsTypeVariantSSHKey:
		content, err = decodeAs[SSHKeyAttributes](raw)
	case ItemFieldDetailsTypeVariantAddress:
		content, err = decodeAs[AddressFieldDetails](raw)
	default:
		content, err = keepRaw(raw)
	}
	if err != nil {
		return err
	}
	*i = ItemFieldDetails{Type: ItemFieldDetailsTypes(tag), content: content}
	return nil
}

// ItemListFilterTypes is the tag of ItemListFilter.
type ItemListFilterTypes string

// The variants of ItemListFilter.
const (
	ItemListFilterTypeVariantByState ItemListFilterTypes = "ByState"
)

// ItemListFilter narrows Items().List.
type ItemListFilter struct {
	Type    ItemListFilterTypes `json:"type"`
	content any
}

// NewItemListFilterTypeVariantByState filters by item state.
func NewItemListFilterTypeVariantByState(content *ItemListFilterByStateInner) ItemListFilter {
	f := ItemListFilter{Type: ItemListFilterTypeVariantByState}
	if content != nil {
		f.content = content
	}
	return f
}

// ByState returns the state filter, or nil.
func (i ItemListFilter) ByState() *ItemListFilterByStateInner {
	v, _ := i.content.(*ItemListFilterByStateInner)
	return v
}

// MarshalJSON writes {"type", "content"}.
func (i ItemListFilter) MarshalJSON() ([]byte, error) {
	return marshalTagged(string(i.Type), "content", i.content)
}

// UnmarshalJSON reads {"type", "content"}.
func (i *ItemListFilter) UnmarshalJSON(data []byte) error {
	tag, raw, err := unmarshalTagged(data, "content")
	if err != nil {
		return err
	}
	var content any
	if ItemListFilterTypes(tag) == ItemListFilterTypeVariantByState {
		content, err = decodeAs[ItemListFilterByStateInner](raw)
	} else {
		content, err = keepRaw(raw)
	}
	if err != nil {
		return err
	}
	*i = ItemListFilter{Type: ItemListFilterTypes(tag), content: content}
	return nil
}

// ItemUpdateFailureReasonTypes is the tag of ItemUpdateFailureReason.
type ItemUpdateFailureReasonTypes string

// The variants of ItemUpdateFailureReason.
const (
	ItemUpdateFailureReasonTypeVariantItemValidationError            ItemUpdateFailureReasonTypes = "itemValidationError"
	ItemUpdateFailureReasonTypeVariantItemStatusPermissionError      ItemUpdateFailureReasonTypes = "itemStatusPermissionError"
	ItemUpdateFailureReasonTypeVariantItemStatusIncorrectItemVersion ItemUpdateFailureReasonTypes = "itemStatusIncorrectItemVersion"
	ItemUpdateFailureReasonTypeVariantItemStatusFileNotFound         ItemUpdateFailureReasonTypes = "itemStatusFileNotFound"
	ItemUpdateFailureReasonTypeVariantItemStatusTooBig               ItemUpdateFailureReasonTypes = "itemStatusTooBig"
	ItemUpdateFailureReasonTypeVariantItemNotFound                   ItemUpdateFailureReasonTypes = "itemNotFound"
	ItemUpdateFailureReasonTypeVariantInternal                       ItemUpdateFailureReasonTypes = "internal"
)

// ItemUpdateFailureReason is why one item of a batch failed.
type ItemUpdateFailureReason struct {
	Type    ItemUpdateFailureReasonTypes `json:"type"`
	content any
}

// NewItemUpdateFailureReasonTypeVariantItemValidationError: bad input.
func NewItemUpdateFailureReasonTypeVariantItemValidationError(content ErrorMessage) ItemUpdateFailureReason {
	return ItemUpdateFailureReason{Type: ItemUpdateFailureReasonTypeVariantItemValidationError, content: content}
}

// NewItemUpdateFailureReasonTypeVariantItemStatusPermissionError: no permission in the vault.
func NewItemUpdateFailureReasonTypeVariantItemStatusPermissionError() ItemUpdateFailureReason {
	return ItemUpdateFailureReason{Type: ItemUpdateFailureReasonTypeVariantItemStatusPermissionError}
}

// NewItemUpdateFailureReasonTypeVariantItemStatusIncorrectItemVersion: a version conflict.
func NewItemUpdateFailureReasonTypeVariantItemStatusIncorrectItemVersion() ItemUpdateFailureReason {
	return ItemUpdateFailureReason{Type: ItemUpdateFailureReasonTypeVariantItemStatusIncorrectItemVersion}
}

// NewItemUpdateFailureReasonTypeVariantItemStatusFileNotFound: an unknown file.
func NewItemUpdateFailureReasonTypeVariantItemStatusFileNotFound() ItemUpdateFailureReason {
	return ItemUpdateFailureReason{Type: ItemUpdateFailureReasonTypeVariantItemStatusFileNotFound}
}

// NewItemUpdateFailureReasonTypeVariantItemStatusTooBig: the request is too large.
func NewItemUpdateFailureReasonTypeVariantItemStatusTooBig() ItemUpdateFailureReason {
	return ItemUpdateFailureReason{Type: ItemUpdateFailureReasonTypeVariantItemStatusTooBig}
}

// NewItemUpdateFailureReasonTypeVariantItemNotFound: no such item.
func NewItemUpdateFailureReasonTypeVariantItemNotFound() ItemUpdateFailureReason {
	return ItemUpdateFailureReason{Type: ItemUpdateFailureReasonTypeVariantItemNotFound}
}

// NewItemUpdateFailureReasonTypeVariantInternal: an internal error.
func NewItemUpdateFailureReasonTypeVariantInternal(content ErrorMessage) ItemUpdateFailureReason {
	return ItemUpdateFailureReason{Type: ItemUpdateFailureReasonTypeVariantInternal, content: content}
}

// ItemValidationError returns the validation message, or "".
func (i ItemUpdateFailureReason) ItemValidationError() ErrorMessage {
	if i.Type != ItemUpdateFailureReasonTypeVariantItemValidationError {
		return ""
	}
	return messageOf(i.content)
}

// Internal returns the internal error message, or "".
func (i ItemUpdateFailureReason) Internal() ErrorMessage {
	if i.Type != ItemUpdateFailureReasonTypeVariantInternal {
		return ""
	}
	return messageOf(i.content)
}

// MarshalJSON writes {"type", "message"}.
func (i ItemUpdateFailureReason) MarshalJSON() ([]byte, error) {
	return marshalTagged(string(i.Type), "message", i.content)
}

// UnmarshalJSON reads {"type", "message"}.
func (i *ItemUpdateFailureReason) UnmarshalJSON(data []byte) error {
	tag, raw, err := unmarshalTagged(data, "message")
	if err != nil {
		return err
	}
	content, err := decodeMessageOrRaw(raw)
	if err != nil {
		return err
	}
	*i = ItemUpdateFailureReason{Type: ItemUpdateFailureReasonTypes(tag), content: content}
	return nil
}

// decodeMessageOrRaw keeps a string message as ErrorMessage and anything else raw.
func decodeMessageOrRaw(raw json.RawMessage) (any, error) {
	if m, err := decodeMessage(raw); err == nil {
		return m, nil
	}
	return keepRaw(raw)
}

// ItemsGetAllErrorTypes is the tag of ItemsGetAllError.
type ItemsGetAllErrorTypes string

// The variants of ItemsGetAllError.
const (
	ItemsGetAllErrorTypeVariantItemNotFound ItemsGetAllErrorTypes = "itemNotFound"
	ItemsGetAllErrorTypeVariantInternal     ItemsGetAllErrorTypes = "internal"
)

// ItemsGetAllError is why one item of Items().GetAll could not be read.
type ItemsGetAllError struct {
	Type    ItemsGetAllErrorTypes `json:"type"`
	content any
}

// NewItemsGetAllErrorTypeVariantItemNotFound: no such item.
func NewItemsGetAllErrorTypeVariantItemNotFound() ItemsGetAllError {
	return ItemsGetAllError{Type: ItemsGetAllErrorTypeVariantItemNotFound}
}

// NewItemsGetAllErrorTypeVariantInternal: an internal error.
func NewItemsGetAllErrorTypeVariantInternal(content ErrorMessage) ItemsGetAllError {
	return ItemsGetAllError{Type: ItemsGetAllErrorTypeVariantInternal, content: content}
}

// Internal returns the internal error message, or "".
func (i ItemsGetAllError) Internal() ErrorMessage {
	if i.Type != ItemsGetAllErrorTypeVariantInternal {
		return ""
	}
	return messageOf(i.content)
}

// MarshalJSON writes {"type", "message"}.
func (i ItemsGetAllError) MarshalJSON() ([]byte, error) {
	return marshalTagged(string(i.Type), "message", i.content)
}

// UnmarshalJSON reads {"type", "message"}.
func (i *ItemsGetAllError) UnmarshalJSON(data []byte) error {
	tag, raw, err := unmarshalTagged(data, "message")
	if err != nil {
		return err
	}
	content, err := decodeMessageOrRaw(raw)
	if err != nil {
		return err
	}
	*i = ItemsGetAllError{Type: ItemsGetAllErrorTypes(tag), content: content}
	return nil
}

// ResolveReferenceErrorTypes is the tag of ResolveReferenceError.
type ResolveReferenceErrorTypes string

// The variants of ResolveReferenceError (the wire spellings are the official core's, quirks kept).
const (
	ResolveReferenceErrorTypeVariantParsing                               ResolveReferenceErrorTypes = "parsing"
	ResolveReferenceErrorTypeVariantFieldNotFound                         ResolveReferenceErrorTypes = "fieldNotFound"
	ResolveReferenceErrorTypeVariantVaultNotFound                         ResolveReferenceErrorTypes = "vaultNotFound"
	ResolveReferenceErrorTypeVariantTooManyVaults                         ResolveReferenceErrorTypes = "tooManyVaults"
	ResolveReferenceErrorTypeVariantItemNotFound                          ResolveReferenceErrorTypes = "itemNotFound"
	ResolveReferenceErrorTypeVariantTooManyItems                          ResolveReferenceErrorTypes = "tooManyItems"
	ResolveReferenceErrorTypeVariantTooManyMatchingFields                 ResolveReferenceErrorTypes = "tooManyMatchingFields"
	ResolveReferenceErrorTypeVariantNoMatchingSections                    ResolveReferenceErrorTypes = "noMatchingSections"
	ResolveReferenceErrorTypeVariantIncompatibleTOTPQueryParameterField   ResolveReferenceErrorTypes = "incompatibleTOTPQueryParameterField"
	ResolveReferenceErrorTypeVariantUnableToGenerateTOTPCode              ResolveReferenceErrorTypes = "unableToGenerateTotpCode"
	ResolveReferenceErrorTypeVariantSSHKeyMetadataNotFound                ResolveReferenceErrorTypes = "sSHKeyMetadataNotFound"
	ResolveReferenceErrorTypeVariantUnsupportedFileFormat                 ResolveReferenceErrorTypes = "unsupportedFileFormat"
	ResolveReferenceErrorTypeVariantIncompatibleSSHKeyQueryParameterField ResolveReferenceErrorTypes = "incompatibleSshKeyQueryParameterField"
	ResolveReferenceErrorTypeVariantUnableToParsePrivateKey               ResolveReferenceErrorTypes = "unableToParsePrivateKey"
	ResolveReferenceErrorTypeVariantUnableToFormatPrivateKeyToOpenSSH     ResolveReferenceErrorTypes = "unableToFormatPrivateKeyToOpenSsh"
	ResolveReferenceErrorTypeVariantOther                                 ResolveReferenceErrorTypes = "other"
)

// ResolveReferenceError is why one reference of Secrets().ResolveAll could not be resolved.
type ResolveReferenceError struct {
	Type    ResolveReferenceErrorTypes `json:"type"`
	content any
}

func resolveErr(t ResolveReferenceErrorTypes) ResolveReferenceError {
	return ResolveReferenceError{Type: t}
}

// NewResolveReferenceErrorTypeVariantParsing: the reference did not parse.
func NewResolveReferenceErrorTypeVariantParsing(content ErrorMessage) ResolveReferenceError {
	return ResolveReferenceError{Type: ResolveReferenceErrorTypeVariantParsing, content: content}
}

// NewResolveReferenceErrorTypeVariantFieldNotFound: no such field.
func NewResolveReferenceErrorTypeVariantFieldNotFound() ResolveReferenceError {
	return resolveErr(ResolveReferenceErrorTypeVariantFieldNotFound)
}

// NewResolveReferenceErrorTypeVariantVaultNotFound: no such vault.
func NewResolveReferenceErrorTypeVariantVaultNotFound() ResolveReferenceError {
	return resolveErr(ResolveReferenceErrorTypeVariantVaultNotFound)
}

// NewResolveReferenceErrorTypeVariantTooManyVaults: the vault name is ambiguous.
func NewResolveReferenceErrorTypeVariantTooManyVaults() ResolveReferenceError {
	return resolveErr(ResolveReferenceErrorTypeVariantTooManyVaults)
}

// NewResolveReferenceErrorTypeVariantItemNotFound: no such item.
func NewResolveReferenceErrorTypeVariantItemNotFound() ResolveReferenceError {
	return resolveErr(ResolveReferenceErrorTypeVariantItemNotFound)
}

// NewResolveReferenceErrorTypeVariantTooManyItems: the item name is ambiguous.
func NewResolveReferenceErrorTypeVariantTooManyItems() ResolveReferenceError {
	return resolveErr(ResolveReferenceErrorTypeVariantTooManyItems)
}

// NewResolveReferenceErrorTypeVariantTooManyMatchingFields: the field name is ambiguous.
func NewResolveReferenceErrorTypeVariantTooManyMatchingFields() ResolveReferenceError {
	return resolveErr(ResolveReferenceErrorTypeVariantTooManyMatchingFields)
}

// NewResolveReferenceErrorTypeVariantNoMatchingSections: no such section.
func NewResolveReferenceErrorTypeVariantNoMatchingSections() ResolveReferenceError {
	return resolveErr(ResolveReferenceErrorTypeVariantNoMatchingSections)
}

// NewResolveReferenceErrorTypeVariantIncompatibleTOTPQueryParameterField: ?attribute=totp on a
// field that is not a TOTP field.
func NewResolveReferenceErrorTypeVariantIncompatibleTOTPQueryParameterField() ResolveReferenceError {
	return resolveErr(ResolveReferenceErrorTypeVariantIncompatibleTOTPQueryParameterField)
}

// NewResolveReferenceErrorTypeVariantUnableToGenerateTOTPCode: the TOTP seed is unusable.
func NewResolveReferenceErrorTypeVariantUnableToGenerateTOTPCode(content ErrorMessage) ResolveReferenceError {
	return ResolveReferenceError{Type: ResolveReferenceErrorTypeVariantUnableToGenerateTOTPCode, content: content}
}

// NewResolveReferenceErrorTypeVariantSSHKeyMetadataNotFound: the SSH key has no metadata.
func NewResolveReferenceErrorTypeVariantSSHKeyMetadataNotFound() ResolveReferenceError {
	return resolveErr(ResolveReferenceErrorTypeVariantSSHKeyMetadataNotFound)
}

// NewResolveReferenceErrorTypeVariantUnsupportedFileFormat: only text files can be resolved.
func NewResolveReferenceErrorTypeVariantUnsupportedFileFormat() ResolveReferenceError {
	return resolveErr(ResolveReferenceErrorTypeVariantUnsupportedFileFormat)
}

// NewResolveReferenceErrorTypeVariantIncompatibleSSHKeyQueryParameterField: ?ssh-format on a
// field that is not an SSH key.
func NewResolveReferenceErrorTypeVariantIncompatibleSSHKeyQueryParameterField() ResolveReferenceError {
	return resolveErr(ResolveReferenceErrorTypeVariantIncompatibleSSHKeyQueryParameterField)
}

// NewResolveReferenceErrorTypeVariantUnableToParsePrivateKey: the SSH key does not parse.
func NewResolveReferenceErrorTypeVariantUnableToParsePrivateKey() ResolveReferenceError {
	return resolveErr(ResolveReferenceErrorTypeVariantUnableToParsePrivateKey)
}

// NewResolveReferenceErrorTypeVariantUnableToFormatPrivateKeyToOpenSSH: no OpenSSH export.
func NewResolveReferenceErrorTypeVariantUnableToFormatPrivateKeyToOpenSSH() ResolveReferenceError {
	return resolveErr(ResolveReferenceErrorTypeVariantUnableToFormatPrivateKeyToOpenSSH)
}

// NewResolveReferenceErrorTypeVariantOther: any other failure.
func NewResolveReferenceErrorTypeVariantOther() ResolveReferenceError {
	return resolveErr(ResolveReferenceErrorTypeVariantOther)
}

// Parsing returns the parse error message, or "".
func (r ResolveReferenceError) Parsing() ErrorMessage {
	if r.Type != ResolveReferenceErrorTypeVariantParsing {
		return ""
	}
	return messageOf(r.content)
}

// UnableToGenerateTOTPCode returns why no code could be generated, or "".
func (r ResolveReferenceError) UnableToGenerateTOTPCode() ErrorMessage {
	if r.Type != ResolveReferenceErrorTypeVariantUnableToGenerateTOTPCode {
		return ""
	}
	return messageOf(r.content)
}

// MarshalJSON writes {"type", "message"}.
func (r ResolveReferenceError) MarshalJSON() ([]byte, error) {
	return marshalTagged(string(r.Type), "message", r.content)
}

// UnmarshalJSON reads {"type", "message"}.
func (r *ResolveReferenceError) UnmarshalJSON(data []byte) error {
	tag, raw, err := unmarshalTagged(data, "message")
	if err != nil {
		return err
	}
	content, err := decodeMessageOrRaw(raw)
	if err != nil {
		return err
	}
	*r = ResolveReferenceError{Type: ResolveReferenceErrorTypes(tag), content: content}
	return nil
}

// PasswordRecipeTypes is the tag of PasswordRecipe.
type PasswordRecipeTypes string

// The variants of PasswordRecipe.
const (
	PasswordRecipeTypeVariantMemorable PasswordRecipeTypes = "Memorable"
	PasswordRecipeTypeVariantPin       PasswordRecipeTypes = "Pin"
	PasswordRecipeTypeVariantRandom    PasswordRecipeTypes = "Random"
)

// PasswordRecipe says what kind of password Secrets.GeneratePassword makes.
type PasswordRecipe struct {
	Type    PasswordRecipeTypes `json:"type"`
	content any
}

// NewPasswordRecipeTypeVariantMemorable: words with separators.
func NewPasswordRecipeTypeVariantMemorable(content *PasswordRecipeMemorableInner) PasswordRecipe {
	p := PasswordRecipe{Type: PasswordRecipeTypeVariantMemorable}
	if content != nil {
		p.content = content
	}
	return p
}

// NewPasswordRecipeTypeVariantPin: digits.
func NewPasswordRecipeTypeVariantPin(content *PasswordRecipePinInner) PasswordRecipe {
	p := PasswordRecipe{Type: PasswordRecipeTypeVariantPin}
	if content != nil {
		p.content = content
	}
	return p
}

// NewPasswordRecipeTypeVariantRandom: random characters.
func NewPasswordRecipeTypeVariantRandom(content *PasswordRecipeRandomInner) PasswordRecipe {
	p := PasswordRecipe{Type: PasswordRecipeTypeVariantRandom}
	if content != nil {
		p.content = content
	}
	return p
}

// Memorable returns the memorable recipe, or nil.
func (p PasswordRecipe) Memorable() *PasswordRecipeMemorableInner {
	v, _ := p.content.(*PasswordRecipeMemorableInner)
	return v
}

// Pin returns the PIN recipe, or nil.
func (p PasswordRecipe) Pin() *PasswordRecipePinInner {
	v, _ := p.content.(*PasswordRecipePinInner)
	return v
}

// Random returns the random recipe, or nil.
func (p PasswordRecipe) Random() *PasswordRecipeRandomInner {
	v, _ := p.content.(*PasswordRecipeRandomInner)
	return v
}

// MarshalJSON writes {"type", "parameters"}.
func (p PasswordRecipe) MarshalJSON() ([]byte, error) {
	return marshalTagged(string(p.Type), "parameters", p.content)
}

// UnmarshalJSON reads {"type", "parameters"}.
func (p *PasswordRecipe) UnmarshalJSON(data []byte) error {
	tag, raw, err := unmarshalTagged(data, "parameters")
	if err != nil {
		return err
	}
	var content any
	switch PasswordRecipeTypes(tag) {
	case PasswordRecipeTypeVariantMemorable:
		content, err = decodeAs[PasswordRecipeMemorableInner](raw)
	case PasswordRecipeTypeVariantPin:
		content, err = decodeAs[PasswordRecipePinInner](raw)
	case PasswordRecipeTypeVariantRandom:
		content, err = decodeAs[PasswordRecipeRandomInner](raw)
	default:
		content, err = keepRaw(raw)
	}
	if err != nil {
		return err
	}
	*p = PasswordRecipe{Type: PasswordRecipeTypes(tag), content: content}
	return nil
}

// ValidRecipientTypes is the tag of ValidRecipient.
type ValidRecipientTypes string

// The variants of ValidRecipient.
const (
	ValidRecipientTypeVariantEmail  ValidRecipientTypes = "Email"
	ValidRecipientTypeVariantDomain ValidRecipientTypes = "Domain"
)

// ValidRecipient is a validated recipient of a share link.
type ValidRecipient struct {
	Type    ValidRecipientTypes `json:"type"`
	content any
}

// NewValidRecipientTypeVariantEmail: one email address.
func NewValidRecipientTypeVariantEmail(content *ValidRecipientEmailInner) ValidRecipient {
	v := ValidRecipient{Type: ValidRecipientTypeVariantEmail}
	if content != nil {
		v.content = content
	}
	return v
}

// NewValidRecipientTypeVariantDomain: everyone at a domain.
func NewValidRecipientTypeVariantDomain(content *ValidRecipientDomainInner) ValidRecipient {
	v := ValidRecipient{Type: ValidRecipientTypeVariantDomain}
	if content != nil {
		v.content = content
	}
	return v
}

// Email returns the email recipient, or nil.
func (v ValidRecipient) Email() *ValidRecipientEmailInner {
	e, _ := v.content.(*ValidRecipientEmailInner)
	return e
}

// Domain returns the domain recipient, or nil.
func (v ValidRecipient) Domain() *ValidRecipientDomainInner {
	d, _ := v.content.(*ValidRecipientDomainInner)
	return d
}

// MarshalJSON writes {"type", "parameters"}.
func (v ValidRecipient) MarshalJSON() ([]byte, error) {
	return marshalTagged(string(v.Type), "parameters", v.content)
}

// UnmarshalJSON reads {"type", "parameters"}.
func (v *ValidRecipient) UnmarshalJSON(data []byte) error {
	tag, raw, err := unmarshalTagged(data, "parameters")
	if err != nil {
		return err
	}
	var content any
	switch ValidRecipientTypes(tag) {
	case ValidRecipientTypeVariantEmail:
		content, err = decodeAs[ValidRecipientEmailInner](raw)
	case ValidRecipientTypeVariantDomain:
		content, err = decodeAs[ValidRecipientDomainInner](raw)
	default:
		content, err = keepRaw(raw)
	}
	if err != nil {
		return err
	}
	*v = ValidRecipient{Type: ValidRecipientTypes(tag), content: content}
	return nil
}
