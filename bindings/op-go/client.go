package opkit

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"sync/atomic"
)

const (
	// DefaultIntegrationName is the integration name to use when you have none of your own.
	DefaultIntegrationName = "Unknown"
	// DefaultIntegrationVersion is the integration version to use when you have none of your own.
	DefaultIntegrationVersion = "Unknown"
)

// Client is an opkit SDK client. Create it with NewClient and Close it when done; a finalizer
// releases a client that is dropped without Close.
type Client struct {
	SecretsAPI      SecretsAPI
	ItemsAPI        ItemsAPI
	VaultsAPI       VaultsAPI
	EnvironmentsAPI EnvironmentsAPI
	GroupsAPI       GroupsAPI

	config clientConfig
	inner  *innerClient
}

// ClientOption configures NewClient.
type ClientOption func(client *Client) error

type clientConfig struct {
	token              *string
	desktopAccount     *string
	integrationName    string
	integrationVersion string
}

// WithServiceAccountToken sets the service-account token (`ops_...`, from `opkit
// service-account create`) the client authenticates with.
func WithServiceAccountToken(token string) ClientOption {
	return func(c *Client) error {
		c.config.token = &token
		return nil
	}
}

// WithIntegrationInfo names the integration built on the SDK and its version (up to 40 and 20
// characters of letters, digits, space, `_`, `.`, `-`). Use DefaultIntegrationName and
// DefaultIntegrationVersion if you have none.
func WithIntegrationInfo(name string, version string) ClientOption {
	return func(c *Client) error {
		c.config.integrationName = name
		c.config.integrationVersion = version
		return nil
	}
}

// WithDesktopAppIntegration exists for source compatibility with the official SDK. opkit has no
// desktop app: the account name goes to the core like the official package sends it
// (`account_name`), and the core refuses the configuration with a typed error.
func WithDesktopAppIntegration(accountName string) ClientOption {
	return func(c *Client) error {
		c.config.desktopAccount = &accountName
		return nil
	}
}

// NewClient authenticates a client with the given options.
func NewClient(ctx context.Context, opts ...ClientOption) (*Client, error) {
	client := &Client{}
	for _, opt := range opts {
		if err := opt(client); err != nil {
			return nil, err
		}
	}
	token := ""
	if client.config.token != nil {
		token = *client.config.token
	}
	// Which authentications may be combined is the core's policy, the same in every language:
	// the desktop account is only passed on.
	config, err := json.Marshal(map[string]any{
		"account_name":          client.config.desktopAccount,
		"serviceAccountToken":   token,
		"programmingLanguage":   "Go",
		"sdkVersion":            sdkVersion,
		"integrationName":       client.config.integrationName,
		"integrationVersion":    client.config.integrationVersion,
		"requestLibraryName":    "cgo",
		"requestLibraryVersion": runtime.Version(),
		"os":                    runtime.GOOS,
		"osVersion":             "0.0.0",
		"architecture":          runtime.GOARCH,
	})
	if err != nil {
		return nil, fmt.Errorf("error initializing client: %w", err)
	}
	text, err := withContext(ctx,
		func() (string, error) { return callCore(exportInitClient, config) },
		func(id string) { _, _ = callCore(exportReleaseClient, []byte(id)) })
	if err != nil {
		return nil, fmt.Errorf("error initializing client: %w", err)
	}
	id, err := strconv.ParseUint(text, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("error initializing client: the core returned %q as a client id", text)
	}
	inner := &innerClient{id: id}
	// The backstop: every namespace shares inner, so it becomes unreachable only when the client
	// and all namespaces taken from it are.
	runtime.SetFinalizer(inner, func(c *innerClient) { _ = c.release() })
	client.inner = inner
	client.SecretsAPI = SecretsSource{inner}
	client.ItemsAPI = ItemsSource{innerClient: inner, SharesAPI: ItemsSharesSource{inner}, FilesAPI: ItemsFilesSource{inner}}
	client.VaultsAPI = VaultsSource{inner}
	client.EnvironmentsAPI = EnvironmentsSource{inner}
	client.GroupsAPI = GroupsSource{inner}
	return client, nil
}

// Secrets returns the client's secrets namespace.
func (c *Client) Secrets() SecretsAPI { return c.SecretsAPI }

// Items returns the client's items namespace.
func (c *Client) Items() ItemsAPI { return c.ItemsAPI }

// Vaults returns the client's vaults namespace.
func (c *Client) Vaults() VaultsAPI { return c.VaultsAPI }

// Environments returns the client's Environments namespace.
func (c *Client) Environments() EnvironmentsAPI { return c.EnvironmentsAPI }

// Groups returns the client's groups namespace.
func (c *Client) Groups() GroupsAPI { return c.GroupsAPI }

// Close releases the client in the core. Calls already running finish; later calls return
// ErrClientClosed. Closing twice is a no-op.
func (c *Client) Close() error {
	if c.inner == nil {
		return nil
	}
	return c.inner.release()
}

// innerClient is the core's client id, shared by the namespaces of one Client.
type innerClient struct {
	id     uint64
	closed atomic.Bool
}

func (c *innerClient) release() error {
	if !c.closed.CompareAndSwap(false, true) {
		return nil
	}
	_, err := callCore(exportReleaseClient, []byte(strconv.FormatUint(c.id, 10)))
	return err
}

// invoke runs one client invocation and returns its JSON result text.
func (c *innerClient) invoke(ctx context.Context, p parameters) (string, error) {
	if c.closed.Load() {
		return "", ErrClientClosed
	}
	id := c.id
	input, err := encodeInvocation(&id, p.invocationName(), p)
	if err != nil {
		return "", err
	}
	text, err := withContext(ctx, func() (string, error) { return callCore(exportInvoke, input) }, nil)
	// A finalizer must not release the client while its call is being set up.
	runtime.KeepAlive(c)
	return text, err
}
