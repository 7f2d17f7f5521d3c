package opkit

// Version is this package's version, the opkit workspace version (`cargo xtask doctor` checks).
const Version = "0.1.0"
