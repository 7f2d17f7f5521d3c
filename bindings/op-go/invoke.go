package opkit

import (
	"context"
	"encoding/json"
)

// invocation is the protocol's InvokeConfig (§4.1): clientId is absent for the sync operations.
type invocation struct {
	Invocation invocationBody `json:"invocation"`
}

type invocationBody struct {
	ClientID   *uint64        `json:"clientId,omitempty"`
	Parameters invocationCall `json:"parameters"`
}

type invocationCall struct {
	Name       string `json:"name"`
	Parameters any    `json:"parameters"`
}

// parameters are an invocation's parameters: one of the generated structs of invocations.go, whose
// keys are the catalogue's snake_case names.
type parameters interface {
	invocationName() string
}

func encodeInvocation(clientID *uint64, name string, parameters any) ([]byte, error) {
	return json.Marshal(invocation{Invocation: invocationBody{
		ClientID:   clientID,
		Parameters: invocationCall{Name: name, Parameters: parameters},
	}})
}

// withContext runs call on its own goroutine when ctx can be cancelled, so that the caller gets
// ctx.Err() at once on cancellation. A call into the core cannot be interrupted mid-flight: it
// finishes in the background, its output is freed, and abandon (if any) gets a successful result
// to undo (e.g. release a client nobody will see).
func withContext(ctx context.Context, call func() (string, error), abandon func(string)) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if ctx.Done() == nil {
		return call()
	}
	type result struct {
		text string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		text, err := call()
		done <- result{text, err}
	}()
	select {
	case r := <-done:
		return r.text, r.err
	case <-ctx.Done():
		if abandon != nil {
			go func() {
				if r := <-done; r.err == nil {
					abandon(r.text)
				}
			}()
		}
		return "", ctx.Err()
	}
}

// invokeSync runs ValidateSecretReference or GeneratePassword, which need no client.
func invokeSync(ctx context.Context, p parameters) (string, error) {
	input, err := encodeInvocation(nil, p.invocationName(), p)
	if err != nil {
		return "", err
	}
	return withContext(ctx, func() (string, error) { return callCore(exportInvokeSync, input) }, nil)
}

// decode parses a result of the core into T.
func decode[T any](text string, err error) (T, error) {
	var out T
	if err != nil {
		return out, err
	}
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		return out, &InternalError{message: "could not decode the core's reply: " + err.Error()}
	}
	return out, nil
}
