package opkit

import (
	"context"
	"errors"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestNewClientResolvesAndCloses(t *testing.T) {
	f := env(t)
	ctx := context.Background()
	client, err := NewClient(ctx, WithServiceAccountToken(f.writerToken), WithIntegrationInfo(DefaultIntegrationName, DefaultIntegrationVersion))
	if err != nil {
		t.Fatal(err)
	}
	vaults, err := client.Vaults().List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(vaults) != 1 || vaults[0].ID != f.goVault {
		t.Fatalf("the writer sees %+v, want only the Go vault", vaults)
	}
	if err := client.Close(); err != nil {
		t.Fatal(err)
	}
	if err := client.Close(); err != nil {
		t.Fatalf("closing twice: %v", err)
	}
	if _, err := client.Vaults().List(ctx); !errors.Is(err, ErrClientClosed) {
		t.Fatalf("a call after Close gave %v, want ErrClientClosed", err)
	}
	// The id was released in the core too.
	_, err = callCore(exportReleaseClient, []byte(strconv.FormatUint(client.inner.id, 10)))
	var internal *InternalError
	if !errors.As(err, &internal) || !strings.Contains(err.Error(), "Invalid client ID") {
		t.Fatalf("releasing a closed client again gave %v", err)
	}
}

func TestNewClientErrorsAreTypedAndWrapped(t *testing.T) {
	env(t)
	ctx := context.Background()
	info := WithIntegrationInfo("go tests", "v1")
	cases := []struct {
		name   string
		opts   []ClientOption
		check  func(error) bool
		phrase string
	}{
		{"empty token", []ClientOption{WithServiceAccountToken(""), info},
			func(err error) bool { var e *InvalidConfigurationError; return errors.As(err, &e) }, "invalid user input"},
		{"not an ops_ token", []ClientOption{WithServiceAccountToken("abc"), info},
			func(err error) bool { var e *InvalidConfigurationError; return errors.As(err, &e) }, "invalid format"},
		{"malformed token", []ClientOption{WithServiceAccountToken("ops_notbase64!"), info},
			func(err error) bool { var e *ServiceAccountTokenParsingError; return errors.As(err, &e) }, "service account token"},
		{"no integration info", []ClientOption{WithServiceAccountToken(fx.writerToken)},
			func(err error) bool { var e *InvalidConfigurationError; return errors.As(err, &e) }, "integration name"},
		{"integration name too long", []ClientOption{WithServiceAccountToken(fx.writerToken), WithIntegrationInfo(strings.Repeat("n", 41), "v1")},
			func(err error) bool { var e *InvalidConfigurationError; return errors.As(err, &e) }, "too long"},
	}
	for _, c := range cases {
		client, err := NewClient(ctx, c.opts...)
		if err == nil {
			_ = client.Close()
			t.Fatalf("%s: no error", c.name)
		}
		if !c.check(err) || !strings.HasPrefix(err.Error(), "error initializing client: ") || !strings.Contains(err.Error(), c.phrase) {
			t.Errorf("%s: got %T %v", c.name, errors.Unwrap(err), err)
		}
		var named Error
		if !errors.As(err, &named) || named.Name() == "" {
			t.Errorf("%s: %v does not carry an error name", c.name, err)
		}
	}
}

// The desktop-app configuration goes to the core, which refuses it (opkit has no desktop app)
// with a typed error, the same one every language gets; the package adds no refusal of its own.
func TestDesktopIntegrationIsRefusedByTheCore(t *testing.T) {
	ctx := context.Background()
	// The core refuses it, with the message every language shows.
	_, err := NewClient(ctx, WithDesktopAppIntegration("acme"), WithIntegrationInfo("go tests", "v1"))
	var invalid *InvalidConfigurationError
	if !errors.As(err, &invalid) || !strings.Contains(err.Error(), "desktop app authentication (DesktopAuth, WithDesktopAppIntegration) is not supported") {
		t.Fatalf("desktop alone: %v", err)
	}
	var named Error
	f := env(t)
	client, err := NewClient(ctx, WithDesktopAppIntegration("acme"), WithServiceAccountToken(f.writerToken), WithIntegrationInfo("go tests", "v1"))
	if err == nil {
		_ = client.Close()
		t.Fatal("desktop and token: the core must refuse the combination")
	}
	if !errors.As(err, &named) {
		t.Fatalf("desktop and token: want a typed error of the core, got %T %v", errors.Unwrap(err), err)
	}
}

func TestAnOptionErrorStopsNewClient(t *testing.T) {
	boom := errors.New("boom")
	if _, err := NewClient(context.Background(), func(*Client) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
}

func TestCancelledContextsReturnAtOnce(t *testing.T) {
	f := env(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := NewClient(ctx, WithServiceAccountToken(f.writerToken), WithIntegrationInfo("go tests", "v1")); !errors.Is(err, context.Canceled) {
		t.Fatalf("NewClient: %v", err)
	}
	if _, err := f.writerClient.Secrets().Resolve(ctx, "op://Go/x/y"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Resolve: %v", err)
	}
	if err := Secrets.ValidateSecretReference(ctx, "op://a/b/c"); !errors.Is(err, context.Canceled) {
		t.Fatalf("ValidateSecretReference: %v", err)
	}
	if _, err := f.writerClient.Items().List(ctx, f.goVault); !errors.Is(err, context.Canceled) {
		t.Fatalf("List: %v", err)
	}
}

func TestCallsUnderALiveCancellableContextComplete(t *testing.T) {
	f := env(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	client, err := NewClient(ctx, WithServiceAccountToken(f.writerToken), WithIntegrationInfo("go tests", "v1"))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	if _, err := client.Vaults().GetOverview(ctx, f.goVault); err != nil {
		t.Fatal(err)
	}
}

func TestAbandonedNewClientIsReleased(t *testing.T) {
	f := env(t)
	// Cancel while init_client is running: the caller gets ctx.Err(), and the client the core
	// makes anyway is released in the background. Whichever way the race goes, nothing leaks:
	// either NewClient succeeded (and we close it) or the abandon path released the id.
	for range 5 {
		ctx, cancel := context.WithCancel(context.Background())
		go cancel()
		client, err := NewClient(ctx, WithServiceAccountToken(f.writerToken), WithIntegrationInfo("go tests", "v1"))
		if err == nil {
			_ = client.Close()
		} else if !errors.Is(err, context.Canceled) {
			t.Fatal(err)
		}
	}
}

func TestTheFinalizerReleasesAnUnreachableClient(t *testing.T) {
	f := env(t)
	client, err := NewClient(context.Background(), WithServiceAccountToken(f.writerToken), WithIntegrationInfo("go tests", "v1"))
	if err != nil {
		t.Fatal(err)
	}
	id := []byte(strconv.FormatUint(client.inner.id, 10))
	client = nil
	_ = client
	// A finalizer runs after the collection that finds the object unreachable, on its own
	// goroutine; poll the core until the id is gone instead of timing anything.
	for attempt := 0; ; attempt++ {
		runtime.GC()
		runtime.Gosched()
		_, err := callCore(exportInvoke, []byte(`{"invocation":{"clientId":`+string(id)+`,"parameters":{"name":"VaultsList","parameters":{}}}}`))
		if err != nil {
			var internal *InternalError
			if !errors.As(err, &internal) || !strings.Contains(err.Error(), "invalid client id") {
				t.Fatalf("after the finalizer: %v", err)
			}
			return
		}
		if attempt == 1000 {
			t.Fatal("the client was never released")
		}
	}
}
