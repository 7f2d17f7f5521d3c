// Package bench compares opkit's Go package with the official 1Password Go SDK (v0.4.1) in the
// same process, so that the ratios `cargo xtask bench` prints are measured on the same machine in
// the same run. It is its own module to keep the official SDK out of opkit's dependencies.
package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	onepassword "github.com/1password/onepassword-sdk-go"
	opkit "github.com/opkit/opkit/bindings/op-go"
)

var ctx = context.Background()

type recipePair struct {
	name     string
	ours     opkit.PasswordRecipe
	official onepassword.PasswordRecipe
}

var recipes = []recipePair{
	{"random",
		opkit.NewPasswordRecipeTypeVariantRandom(&opkit.PasswordRecipeRandomInner{IncludeDigits: true, IncludeSymbols: true, Length: 32}),
		onepassword.NewPasswordRecipeTypeVariantRandom(&onepassword.PasswordRecipeRandomInner{IncludeDigits: true, IncludeSymbols: true, Length: 32})},
	{"pin",
		opkit.NewPasswordRecipeTypeVariantPin(&opkit.PasswordRecipePinInner{Length: 8}),
		onepassword.NewPasswordRecipeTypeVariantPin(&onepassword.PasswordRecipePinInner{Length: 8})},
	{"memorable",
		opkit.NewPasswordRecipeTypeVariantMemorable(&opkit.PasswordRecipeMemorableInner{SeparatorType: opkit.SeparatorTypeHyphens, Capitalize: true, WordListType: opkit.WordListTypeFullWords, WordCount: 5}),
		onepassword.NewPasswordRecipeTypeVariantMemorable(&onepassword.PasswordRecipeMemorableInner{SeparatorType: onepassword.SeparatorTypeHyphens, Capitalize: true, WordListType: onepassword.WordListTypeFullWords, WordCount: 5})},
}

func BenchmarkGeneratePassword(b *testing.B) {
	for _, r := range recipes {
		b.Run(r.name+"/opkit", func(b *testing.B) {
			if _, err := opkit.Secrets.GeneratePassword(ctx, r.ours); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				if _, err := opkit.Secrets.GeneratePassword(ctx, r.ours); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(r.name+"/official", func(b *testing.B) {
			// The first call instantiates the official WASM core; keep it out of the timing.
			if _, err := onepassword.Secrets.GeneratePassword(ctx, r.official); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				if _, err := onepassword.Secrets.GeneratePassword(ctx, r.official); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

const reference = "op://Production Vault/Database Login/connection/password?attribute=otp"

func BenchmarkValidateSecretReference(b *testing.B) {
	b.Run("opkit", func(b *testing.B) {
		for range b.N {
			if err := opkit.Secrets.ValidateSecretReference(ctx, reference); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("official", func(b *testing.B) {
		if err := onepassword.Secrets.ValidateSecretReference(ctx, reference); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for range b.N {
			if err := onepassword.Secrets.ValidateSecretReference(ctx, reference); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkResolve64Goroutines: 64 goroutines resolving on one client. `cargo xtask bench` runs
// it in two fresh processes, GOMAXPROCS=1 with a 1-thread core runtime and GOMAXPROCS=2 with a
// 2-thread one (TOKIO_WORKER_THREADS), and prints the throughput ratio.
func BenchmarkResolve64Goroutines(b *testing.B) {
	client := sharedClient(b)
	b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if got, err := client.Secrets().Resolve(ctx, "op://Bench/Database/password"); err != nil || got != "s3cr3t" {
				b.Errorf("resolve: %q %v", got, err)
				return
			}
		}
	})
}

// BenchmarkResolve: one goroutine resolving, for the per-call latency.
func BenchmarkResolve(b *testing.B) {
	client := sharedClient(b)
	b.ResetTimer()
	for range b.N {
		if _, err := client.Secrets().Resolve(ctx, "op://Bench/Database/password"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResidentMemory reports the resident set size (KiB) of a fresh process after creating
// one opkit client, and after the official SDK has loaded its core (one GeneratePassword call:
// the official NewClient cannot get further offline, it fails at network authentication).
func BenchmarkResidentMemory(b *testing.B) {
	token := benchToken(b)
	for _, probe := range []string{"baseline", "opkit", "official"} {
		b.Run(probe, func(b *testing.B) {
			kib, err := probeRSS(probe, token)
			if err != nil {
				b.Fatal(err)
			}
			for range b.N {
			}
			b.ReportMetric(kib, "KiB-RSS")
		})
	}
}

func TestMain(m *testing.M) {
	if probe := os.Getenv("OPKIT_RSS_PROBE"); probe != "" {
		os.Exit(runProbe(probe))
	}
	code := m.Run()
	if fixture.dir != "" {
		_ = os.RemoveAll(fixture.dir)
	}
	os.Exit(code)
}

// runProbe is the child side of BenchmarkResidentMemory: do the one thing, print VmRSS.
func runProbe(probe string) int {
	switch probe {
	case "opkit":
		client, err := opkit.NewClient(ctx, opkit.WithServiceAccountToken(os.Getenv("OPKIT_RSS_TOKEN")), opkit.WithIntegrationInfo("bench", "v1"))
		if err != nil {
			fmt.Println("error:", err)
			return 1
		}
		defer client.Close()
	case "official":
		if _, err := onepassword.Secrets.GeneratePassword(ctx, recipes[0].official); err != nil {
			fmt.Println("error:", err)
			return 1
		}
	}
	runtime.GC()
	kib, err := vmRSS()
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	fmt.Printf("RSS %d\n", kib)
	return 0
}

func probeRSS(probe, token string) (float64, error) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "OPKIT_RSS_PROBE="+probe, "OPKIT_RSS_TOKEN="+token)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("probe %s: %v: %s", probe, err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, "RSS "); ok {
			return strconv.ParseFloat(strings.TrimSpace(rest), 64)
		}
	}
	return 0, fmt.Errorf("probe %s printed no RSS: %s", probe, out)
}

func vmRSS() (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("RSS is read from /proc (Linux only): %v", err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmRSS:"); ok {
			return strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/self/status")
}

// fixture is one vault file per benchmark process, made with the opkit CLI ($OPKIT_BIN).
var fixture struct {
	once   sync.Once
	err    error
	dir    string
	token  string
	client *opkit.Client
}

func benchToken(b *testing.B) string {
	b.Helper()
	fixture.once.Do(func() { fixture.err = setup() })
	if fixture.err != nil {
		b.Fatal(fixture.err)
	}
	return fixture.token
}

func sharedClient(b *testing.B) *opkit.Client {
	benchToken(b)
	return fixture.client
}

func setup() error {
	bin := os.Getenv("OPKIT_BIN")
	if bin == "" {
		return fmt.Errorf("set OPKIT_BIN to the opkit CLI (cargo xtask bench does)")
	}
	dir, err := os.MkdirTemp("", "opkit-go-bench-")
	if err != nil {
		return err
	}
	fixture.dir = dir
	cli := func(out any, args ...string) error {
		cmd := exec.Command(bin, append([]string{"--db", filepath.Join(dir, "v.opkit"), "--format", "json"}, args...)...)
		cmd.Env = append(os.Environ(), "OPKIT_KDF=testing", "OPKIT_PASSWORD=pw", "OPKIT_CONFIG_DIR="+filepath.Join(dir, "cfg"))
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
	var vault struct {
		ID string `json:"id"`
	}
	var sa struct {
		Token string `json:"token"`
	}
	if err := cli(nil, "account", "create", "--name", "Bench"); err != nil {
		return err
	}
	if err := cli(&vault, "vault", "create", "Bench"); err != nil {
		return err
	}
	if err := cli(&sa, "service-account", "create", "--name", "bench", "--vault", "Bench:write"); err != nil {
		return err
	}
	fixture.token = sa.Token
	client, err := opkit.NewClient(ctx, opkit.WithServiceAccountToken(sa.Token), opkit.WithIntegrationInfo("bench", "v1"))
	if err != nil {
		return err
	}
	fixture.client = client
	_, err = client.Items().Create(ctx, opkit.ItemCreateParams{
		Category: opkit.ItemCategoryLogin, VaultID: vault.ID, Title: "Database",
		Fields: []opkit.ItemField{{ID: "password", Title: "password", FieldType: opkit.ItemFieldTypeConcealed, Value: "s3cr3t"}},
	})
	return err
}

// BenchmarkRustBaseline runs the Rust SDK's warm resolve on this process's vault (the
// resolve_baseline example that `cargo xtask bench` builds with the dist profile and names in
// $OPKIT_RUST_BASELINE), so the Go figures print beside it.
func BenchmarkRustBaseline(b *testing.B) {
	binary := os.Getenv("OPKIT_RUST_BASELINE")
	if binary == "" {
		b.Skip("set OPKIT_RUST_BASELINE to the resolve_baseline example")
	}
	token := benchToken(b)
	// The best of b.N processes (run it with -benchtime=3x): a whole process sometimes runs at
	// half speed on these shared machines, and a slow baseline would flatter the binding.
	perCall, ratio := 0.0, 0.0
	for range b.N {
		cmd := exec.Command(binary, "op://Bench/Database/password")
		cmd.Env = append(os.Environ(), "OP_SERVICE_ACCOUNT_TOKEN="+token)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("resolve_baseline: %v: %s", err, stderr.String())
		}
		var figures struct {
			PerCallUs    float64 `json:"per_call_us"`
			OneTaskPerS  float64 `json:"one_task_per_s"`
			TwoTasksPerS float64 `json:"two_tasks_per_s"`
		}
		if err := json.Unmarshal(out, &figures); err != nil {
			b.Fatalf("resolve_baseline printed %q: %v", out, err)
		}
		if perCall == 0 || figures.PerCallUs < perCall {
			perCall = figures.PerCallUs
		}
		ratio = max(ratio, figures.TwoTasksPerS/figures.OneTaskPerS)
	}
	b.ReportMetric(perCall*1000, "rust-ns/resolve")
	b.ReportMetric(ratio, "rust-2/1")
}
