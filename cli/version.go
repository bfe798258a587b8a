package cli

import (
	"fmt"
	"runtime"

	"taizhang/assets"
)

func init() {
	Register(Command{Name: "--version", Summary: "显示版本和构建时间", Run: runVersion})
}

// runVersion prints the version on the first line (for scripts), then when
// and with what the program was built.
func runVersion(env *Env) error {
	f := NewFlags(env, "--version", "taizhang --version", "显示意见台账的版本、构建时间和所用的 Go 版本。", 0, 0)
	if _, err := f.Parse(env); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "意见台账 taizhang %s\n", assets.Version)
	built := assets.BuildDate
	if built == "" {
		built = "未记录（不是用 make build 或 make dist 构建的）"
	}
	fmt.Fprintf(env.Stdout, "构建时间：%s；%s %s/%s\n", built, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
