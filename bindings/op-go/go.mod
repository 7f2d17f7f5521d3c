module github.com/opkit/opkit/bindings/op-go

go 1.24
