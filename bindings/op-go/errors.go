package opkit

import (
	"encoding/json"
	"errors"
)

// Error is implemented by every error the core reports by name (protocol §5): Name is the stable
// error name, Error the message. Use errors.As with the concrete types below to tell them apart.
type Error interface {
	error
	Name() string
}

// ErrClientClosed is returned by calls on a client after Close.
var ErrClientClosed = errors.New("opkit: the client was closed; create a new one with opkit.NewClient")

// ServiceAccountTokenParsingError: the service-account token could not be read.
type ServiceAccountTokenParsingError struct{ message string }

// CustomerManagedSecretParsingError: a workload-identity secret could not be read.
type CustomerManagedSecretParsingError struct{ message string }

// WorkloadKeysetDecryptionError: a workload-identity keyset could not be decrypted.
type WorkloadKeysetDecryptionError struct{ message string }

// AuthError: authentication failed (a revoked token, an unknown service account).
type AuthError struct{ message string }

// AuthExpiredError: the authentication expired.
type AuthExpiredError struct{ message string }

// ItemAPIError: an item or vault operation failed (not found, no permission, invalid input).
type ItemAPIError struct{ message string }

// ResolvingSecretReferenceError: a secret reference could not be resolved.
type ResolvingSecretReferenceError struct{ message string }

// ParsingSecretReferenceError: a secret reference is not well formed.
type ParsingSecretReferenceError struct{ message string }

// GeneratingPasswordError: a password could not be generated.
type GeneratingPasswordError struct{ message string }

// ParsingPrivateKeyError: an SSH private key could not be read.
type ParsingPrivateKeyError struct{ message string }

// InvalidConfigurationError: the client configuration or a recipe broke one or more rules.
type InvalidConfigurationError struct{ message string }

// UpdatingGroupVaultPermissionsError: a group's vault permissions could not be updated.
type UpdatingGroupVaultPermissionsError struct{ message string }

// RevokingGroupVaultPermissionsError: a group's vault permissions could not be revoked.
type RevokingGroupVaultPermissionsError struct{ message string }

// GettingGroupError: a group could not be read.
type GettingGroupError struct{ message string }

// DesktopSessionExpiredError: the desktop app's authorisation expired.
type DesktopSessionExpiredError struct{ message string }

// RateLimitExceededError: too many requests.
type RateLimitExceededError struct{ message string }

// InternalError: a bug or an unexpected state (also: an unknown or released client id).
type InternalError struct{ message string }

// UnknownError is an error whose name this version of the package does not know.
type UnknownError struct{ name, message string }

// ProtocolError is a request the core could not parse (protocol §4.1: plain text, not JSON),
// e.g. a configuration missing keys or an invocation with a mistyped parameter.
type ProtocolError struct{ message string }

func (e *ServiceAccountTokenParsingError) Error() string    { return e.message }
func (e *CustomerManagedSecretParsingError) Error() string  { return e.message }
func (e *WorkloadKeysetDecryptionError) Error() string      { return e.message }
func (e *AuthError) Error() string                          { return e.message }
func (e *AuthExpiredError) Error() string                   { return e.message }
func (e *ItemAPIError) Error() string                       { return e.message }
func (e *ResolvingSecretReferenceError) Error() string      { return e.message }
func (e *ParsingSecretReferenceError) Error() string        { return e.message }
func (e *GeneratingPasswordError) Error() string            { return e.message }
func (e *ParsingPrivateKeyError) Error() string             { return e.message }
func (e *InvalidConfigurationError) Error() string          { return e.message }
func (e *UpdatingGroupVaultPermissionsError) Error() string { return e.message }
func (e *RevokingGroupVaultPermissionsError) Error() string { return e.message }
func (e *GettingGroupError) Error() string                  { return e.message }
func (e *DesktopSessionExpiredError) Error() string         { return e.message }
func (e *RateLimitExceededError) Error() string             { return e.message }
func (e *InternalError) Error() string                      { return e.message }
func (e *UnknownError) Error() string                       { return e.message }
func (e *ProtocolError) Error() string                      { return e.message }

// Name returns "ServiceAccountTokenParsing".
func (e *ServiceAccountTokenParsingError) Name() string { return "ServiceAccountTokenParsing" }

// Name returns "CustomerManagedSecretParsing".
func (e *CustomerManagedSecretParsingError) Name() string { return "CustomerManagedSecretParsing" }

// Name returns "WorkloadKeysetDecryption".
func (e *WorkloadKeysetDecryptionError) Name() string { return "WorkloadKeysetDecryption" }

// Name returns "Auth".
func (e *AuthError) Name() string { return "Auth" }

// Name returns "AuthExpired".
func (e *AuthExpiredError) Name() string { return "AuthExpired" }

// Name returns "ItemApi".
func (e *ItemAPIError) Name() string { return "ItemApi" }

// Name returns "ResolvingSecretReference".
func (e *ResolvingSecretReferenceError) Name() string { return "ResolvingSecretReference" }

// Name returns "ParsingSecretReference".
func (e *ParsingSecretReferenceError) Name() string { return "ParsingSecretReference" }

// Name returns "GeneratingPassword".
func (e *GeneratingPasswordError) Name() string { return "GeneratingPassword" }

// Name returns "ParsingPrivateKey".
func (e *ParsingPrivateKeyError) Name() string { return "ParsingPrivateKey" }

// Name returns "InvalidConfiguration".
func (e *InvalidConfigurationError) Name() string { return "InvalidConfiguration" }

// Name returns "UpdatingGroupVaultPermissionsError".
func (e *UpdatingGroupVaultPermissionsError) Name() string {
	return "UpdatingGroupVaultPermissionsError"
}

// Name returns "RevokingGroupVaultPermissionsError".
func (e *RevokingGroupVaultPermissionsError) Name() string {
	return "RevokingGroupVaultPermissionsError"
}

// Name returns "GettingGroup".
func (e *GettingGroupError) Name() string { return "GettingGroup" }

// Name returns "DesktopSessionExpired".
func (e *DesktopSessionExpiredError) Name() string { return "DesktopSessionExpired" }

// Name returns "RateLimitExceeded".
func (e *RateLimitExceededError) Name() string { return "RateLimitExceeded" }

// Name returns "Internal".
func (e *InternalError) Name() string { return "Internal" }

// Name returns the name the core reported.
func (e *UnknownError) Name() string { return e.name }

// errorFromCore maps the core's error text to a typed error: a {"name","message"} envelope by its
// name, anything else (schema errors are plain text) to a ProtocolError.
func errorFromCore(text string) error {
	var envelope struct {
		Name    *string `json:"name"`
		Message *string `json:"message"`
	}
	if json.Unmarshal([]byte(text), &envelope) != nil || envelope.Name == nil || envelope.Message == nil {
		return &ProtocolError{message: text}
	}
	m := *envelope.Message
	switch *envelope.Name {
	case "ServiceAccountTokenParsing":
		return &ServiceAccountTokenParsingError{m}
	case "CustomerManagedSecretParsing":
		return &CustomerManagedSecretParsingError{m}
	case "WorkloadKeysetDecryption":
		return &WorkloadKeysetDecryptionError{m}
	case "Auth":
		return &AuthError{m}
	case "AuthExpired":
		return &AuthExpiredError{m}
	case "ItemApi":
		return &ItemAPIError{m}
	case "ResolvingSecretReference":
		return &ResolvingSecretReferenceError{m}
	case "ParsingSecretReference":
		return &ParsingSecretReferenceError{m}
	case "GeneratingPassword":
		return &GeneratingPasswordError{m}
	case "ParsingPrivateKey":
		return &ParsingPrivateKeyError{m}
	case "InvalidConfiguration":
		return &InvalidConfigurationError{m}
	case "UpdatingGroupVaultPermissionsError":
		return &UpdatingGroupVaultPermissionsError{m}
	case "RevokingGroupVaultPermissionsError":
		return &RevokingGroupVaultPermissionsError{m}
	case "GettingGroup":
		return &GettingGroupError{m}
	case "DesktopSessionExpired":
		return &DesktopSessionExpiredError{m}
	case "RateLimitExceeded":
		return &RateLimitExceededError{m}
	case "Internal":
		return &InternalError{m}
	default:
		return &UnknownError{name: *envelope.Name, message: m}
	}
}
