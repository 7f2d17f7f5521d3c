package opkit

import (
	"encoding/json"
	"errors"
)

// Error is implemented by every error the core reports by name (protocol §5): Name is the stable
// error name, Error the message, Reason the stable reason the core may add to its envelope
// ("NotFound", "PermissionDenied", "VersionConflict", "KeyRotated", "Busy", "NotImplemented",
// "Revoked", "TooLarge", "Invalid", "Internal", or a newer one), "" when it sends none. Use
// errors.As with the concrete types of error_types.go to tell the names apart, and Reason rather
// than the message to tell causes apart.
type Error interface {
	error
	Name() string
	Reason() string
}

// ErrClientClosed is returned by calls on a client after Close.
var ErrClientClosed = errors.New("opkit: the client was closed; create a new one with opkit.NewClient")

// UnknownError is an error whose name this version of the package does not know.
type UnknownError struct{ name, message, reason string }

func (e *UnknownError) Error() string { return e.message }

// Name returns the name the core reported.
func (e *UnknownError) Name() string { return e.name }

// Reason returns the core's reason for the error, or "".
func (e *UnknownError) Reason() string { return e.reason }

// ProtocolError is a request the core could not parse (protocol §4.1: plain text, not JSON),
// e.g. a configuration missing keys or an invocation with a mistyped parameter.
type ProtocolError struct{ message string }

func (e *ProtocolError) Error() string { return e.message }

// errorFromCore maps the core's error text to a typed error: a {"name","message"[,"reason"]}
// envelope by its name, anything else (schema errors are plain text) to a ProtocolError. A reason
// that is not a string is ignored, so an envelope from a newer core still maps by its name.
func errorFromCore(text string) error {
	var envelope struct {
		Name    *string         `json:"name"`
		Message *string         `json:"message"`
		Reason  json.RawMessage `json:"reason"`
	}
	if json.Unmarshal([]byte(text), &envelope) != nil || envelope.Name == nil || envelope.Message == nil {
		return &ProtocolError{message: text}
	}
	var reason string
	if envelope.Reason != nil && json.Unmarshal(envelope.Reason, &reason) != nil {
		reason = ""
	}
	return errorNamed(*envelope.Name, *envelope.Message, reason)
}
