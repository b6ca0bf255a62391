package main

import (
	"fmt"
	"io"
	"runtime"

	"warta"
)

func runVersion(stdout io.Writer) error {
	_, err := fmt.Fprintf(stdout, "warta %s (%s)\n", warta.Version, runtime.Version())
	return err
}
