package opkit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// fixture is a real vault file made with the opkit CLI once per test binary (lazily, so that a
// fuzz run needs none): a "Go" vault with a writer and a reader token, and the "Conformance"
// vault and tokens that tests/conformance/README.md asks for.
type fixture struct {
	dir          string
	db           string
	goVault      string
	writerToken  string
	readerToken  string
	confVault    string
	confWriter   string
	confReader   string
	confGroup    string
	confEnv      string
	writerClient *Client
	readerClient *Client
	repoRoot     string
	opkitBin     string
	setupErr     error
	setupOnce    sync.Once
}

// fx is the shared fixture; fxTyped a second one for the typed conformance replay, whose cases
// expect a vault the raw replay has not written to.
var fx, fxTyped fixture

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range []*fixture{&fx, &fxTyped} {
		if f.writerClient != nil {
			_ = f.writerClient.Close()
			_ = f.readerClient.Close()
		}
		if f.dir != "" {
			_ = os.RemoveAll(f.dir)
		}
	}
	os.Exit(code)
}

// env returns the shared fixture, failing the test if it cannot be built.
func env(t testing.TB) *fixture { t.Helper(); return ready(t, &fx) }

func ready(t testing.TB, f *fixture) *fixture {
	t.Helper()
	f.setupOnce.Do(func() { f.setupErr = f.setup() })
	if f.setupErr != nil {
		t.Fatalf("test vault setup: %v", f.setupErr)
	}
	return f
}

func repoRoot() string {
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	return root
}

// opkitPath is $OPKIT_BIN (set by `cargo xtask test`), else the debug build in the target dir.
func opkitPath() string {
	if bin := os.Getenv("OPKIT_BIN"); bin != "" {
		return bin
	}
	target := os.Getenv("CARGO_TARGET_DIR")
	if target == "" {
		target = filepath.Join(repoRoot(), "target")
	}
	return filepath.Join(target, "debug", "opkit")
}

// cli runs the opkit CLI on the fixture's vault file and decodes its JSON output into out.
func (f *fixture) cli(out any, args ...string) error {
	cmd := exec.Command(f.opkitBin, append([]string{"--db", f.db, "--format", "json"}, args...)...)
	cmd.Env = append(os.Environ(), "OPKIT_KDF=testing", "OPKIT_PASSWORD=pw", "OPKIT_CONFIG_DIR="+filepath.Join(f.dir, "cfg"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("opkit %v: %v: %s", args, err, stderr.String())
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(stdout.Bytes(), out)
}

func (f *fixture) setup() error {
	f.repoRoot = repoRoot()
	f.opkitBin = opkitPath()
	if _, err := os.Stat(f.opkitBin); err != nil {
		return fmt.Errorf("no opkit binary at %s (build it with `cargo build -p op-cli` or set OPKIT_BIN): %v", f.opkitBin, err)
	}
	dir, err := os.MkdirTemp("", "opkit-go-test-")
	if err != nil {
		return err
	}
	f.dir = dir
	f.db = filepath.Join(dir, "v.opkit")
	if err := f.cli(nil, "account", "create", "--name", "Test"); err != nil {
		return err
	}
	var vault struct {
		ID string `json:"id"`
	}
	var sa struct {
		ID    string `json:"id"`
		Token string `json:"token"`
	}
	var confWriterID string
	for _, step := range []struct {
		title         string
		vault, writer *string
		reader        *string
	}{
		{"Go", &f.goVault, &f.writerToken, &f.readerToken},
		{"Conformance", &f.confVault, &f.confWriter, &f.confReader},
	} {
		if err := f.cli(&vault, "vault", "create", step.title); err != nil {
			return err
		}
		*step.vault = vault.ID
		if err := f.cli(&sa, "service-account", "create", "--name", step.title+"-writer", "--vault", step.title+":write"); err != nil {
			return err
		}
		*step.writer = sa.Token
		if step.title == "Conformance" {
			confWriterID = sa.ID
		}
		if err := f.cli(&sa, "service-account", "create", "--name", step.title+"-reader", "--vault", step.title+":read"); err != nil {
			return err
		}
		*step.reader = sa.Token
	}
	// The group and Environment the conformance cases name (tests/conformance/README.md).
	var made struct {
		ID string `json:"id"`
	}
	if err := f.cli(&made, "group", "create", "Conformance Group"); err != nil {
		return err
	}
	f.confGroup = made.ID
	if err := f.cli(&made, "environment", "create", "conformance"); err != nil {
		return err
	}
	f.confEnv = made.ID
	for _, args := range [][]string{
		{"environment", "set", f.confEnv, "GREETING=hello"},
		{"environment", "set", f.confEnv, "API_KEY=s3cr3t", "--masked"},
		{"environment", "grant", f.confEnv, confWriterID},
	} {
		if err := f.cli(nil, args...); err != nil {
			return err
		}
	}
	ctx := context.Background()
	if f.writerClient, err = NewClient(ctx, WithServiceAccountToken(f.writerToken), WithIntegrationInfo("go tests", "v1")); err != nil {
		return err
	}
	if f.readerClient, err = NewClient(ctx, WithServiceAccountToken(f.readerToken), WithIntegrationInfo("go tests", "v1")); err != nil {
		return err
	}
	return nil
}

// readJSON decodes a file under the repository root.
func readJSON(t testing.TB, rel string, out any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(), rel))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
}

func ptr[T any](v T) *T { return &v }
