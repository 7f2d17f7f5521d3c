package opkit

// The prebuilt static library sits inside the module, one folder per GOOS_GOARCH
// (lib/linux_amd64/libop_go.a), so `go build` needs no Rust toolchain and no target/ dir.
// `cargo xtask dist` puts it there; a platform without a folder links whatever CGO_LDFLAGS names
// (`cargo xtask test` passes -L target/<profile> for builds inside the repository). Adding a
// platform: build libop_go.a for its Rust target and add its folder and line here (README.md).

/*
#cgo CFLAGS: -I${SRCDIR}/include
#cgo linux,amd64 LDFLAGS: -L${SRCDIR}/lib/linux_amd64
#cgo linux,arm64 LDFLAGS: -L${SRCDIR}/lib/linux_arm64
#cgo darwin,amd64 LDFLAGS: -L${SRCDIR}/lib/darwin_amd64
#cgo darwin,arm64 LDFLAGS: -L${SRCDIR}/lib/darwin_arm64
#cgo LDFLAGS: -lop_go
#cgo linux LDFLAGS: -lm -ldl -lpthread -lrt -lutil -lgcc_s
#cgo darwin LDFLAGS: -framework CoreFoundation -framework Security
#include "opkit.h"
*/
import "C"

import (
	"strconv"
	"unsafe"
)

// export names one of the four protocol functions of the C ABI.
type export int

const (
	exportInitClient export = iota
	exportInvoke
	exportInvokeSync
	exportReleaseClient
)

// notEmpty gives empty input a valid pointer: the C ABI refuses null input pointers.
var notEmpty = [1]byte{}

// callCore runs one C export on the calling goroutine's thread. It returns the result text, or
// the error the core reported, converted to the package's typed errors. The Rust-owned output
// is copied into Go memory and freed by Rust before returning.
func callCore(fn export, input []byte) (string, error) {
	ptr := (*C.uint8_t)(unsafe.Pointer(&notEmpty[0]))
	if len(input) > 0 {
		ptr = (*C.uint8_t)(unsafe.Pointer(&input[0]))
	}
	n := C.size_t(len(input))
	var out C.OpkitString
	var status C.int32_t
	switch fn {
	case exportInitClient:
		status = C.opkit_init_client(ptr, n, &out)
	case exportInvoke:
		status = C.opkit_invoke(ptr, n, &out)
	case exportInvokeSync:
		status = C.opkit_invoke_sync(ptr, n, &out)
	case exportReleaseClient:
		status = C.opkit_release_client(ptr, n, &out)
	}
	text := ""
	if out.ptr != nil {
		text = C.GoStringN((*C.char)(unsafe.Pointer(out.ptr)), C.int(out.len))
		C.opkit_string_free(out)
	}
	switch status {
	case C.OPKIT_OK:
		return text, nil
	case C.OPKIT_ERROR:
		return "", errorFromCore(text)
	default:
		return "", &InternalError{message: "the opkit C ABI reported no output (status " + strconv.Itoa(int(status)) + ")"}
	}
}
