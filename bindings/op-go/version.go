package opkit

// Version is this package's version, the opkit workspace version (`cargo xtask doctor` checks).
const Version = "0.1.0"

// sdkVersion is Version in the official wrappers' build-number form (M, mm, pp, build 00), sent as
// the config's sdkVersion like every opkit binding's; `cargo xtask doctor` checks it too.
const sdkVersion = "0010000"
