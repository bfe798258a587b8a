package cli

import (
	"fmt"

	"taizhang/assets"
	"taizhang/ledger"
)

func init() {
	Register(Command{Name: "demo", Summary: "新建一个示例台账（几十条示例意见）", Run: runDemo})
}

func runDemo(env *Env) error {
	f := NewFlags(env, "demo", "taizhang demo 台账文件", "新建一个示例台账：示例县财政局的领导班子和几十条示例意见（为演示而写，并非真实意见）。", 1, 1)
	args, err := f.Parse(env)
	if err != nil {
		return err
	}
	l, err := ledger.CreateFromSeed(args[0], assets.DemoLedger)
	if err != nil {
		return err
	}
	s, _ := l.Stats()
	l.Close()
	fmt.Fprintf(env.Stdout, "已新建示例台账：%s（%d 条意见）\n", args[0], s.Opinions)
	return nil
}
