// Package opkit is the Go SDK of opkit: the programming model of the official 1Password Go SDK
// (github.com/1password/onepassword-sdk-go) on an encrypted local vault file.
//
// Every call crosses into opkit's Rust core through a small C ABI (include/opkit.h) as one JSON
// invocation, the same protocol the official core speaks. The package only converts types, bridges
// the call and maps errors; all behaviour lives in the core. Calls from many goroutines run in
// parallel: there is no process-wide lock.
//
//	client, err := opkit.NewClient(ctx,
//		opkit.WithServiceAccountToken(os.Getenv("OP_SERVICE_ACCOUNT_TOKEN")),
//		opkit.WithIntegrationInfo("My App", "v1.0.0"))
//	if err != nil { ... }
//	defer client.Close()
//	secret, err := client.Secrets().Resolve(ctx, "op://Prod/Database/password")
//
// Building needs cgo and the static library libop_go.a: `cargo build -p op-go` (or `cargo xtask
// test`) puts it in target/debug, where the default #cgo directives look; set CGO_LDFLAGS=-L<dir>
// to link one from elsewhere.
package opkit
