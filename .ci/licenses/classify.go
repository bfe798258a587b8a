package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// A licence is recognised by phrases of its text (lower case, spaces
// collapsed); all of a rule's phrases must occur.
var rules = []struct {
	id      string
	phrases []string
}{
	{"Apache-2.0", []string{"apache license", "version 2.0"}},
	{"MPL-2.0", []string{"mozilla public license", "2.0"}},
	{"MIT", []string{"permission is hereby granted, free of charge, to any person obtaining a copy of this software"}},
	{"OFL-1.1", []string{"sil open font license", "version 1.1"}},
	{"Bitstream-Vera", []string{"bitstream vera", "permission is hereby granted, free of charge"}},
	{"ISC", []string{"permission to use, copy, modify, and/or distribute this software for any purpose"}},
	{"ISC", []string{"permission to use, copy, modify, and distribute this software for any purpose with or without fee"}},
	{"BSD-3-Clause", []string{"redistribution and use in source and binary forms", "neither the name"}},
	{"BSD-3-Clause", []string{"redistribution and use in source and binary forms", "names of its contributors may not be used"}},
	{"BSD-2-Clause", []string{"redistribution and use in source and binary forms"}},
	{"Zlib", []string{"provided 'as-is', without any express or implied warranty", "altered source versions must be plainly marked"}},
	{"blessing", []string{"the author disclaims copyright to this source code"}},
	{"public-domain", []string{"dedicated to the public domain"}},
	{"Unlicense", []string{"this is free and unencumbered software released into the public domain"}},
	{"CC0-1.0", []string{"cc0 1.0 universal"}},
}

// Copyleft licences an office may not link into a program it hands out
// freely, by their titles, matched case-sensitively (the MPL's own text
// names them in lower case as "Secondary Licenses").
var copyleft = []struct{ id, title string }{
	{"GPL", "GNU GENERAL PUBLIC LICENSE"},
	{"LGPL", "GNU LESSER GENERAL PUBLIC LICENSE"},
	{"LGPL", "GNU LIBRARY GENERAL PUBLIC LICENSE"},
	{"AGPL", "GNU AFFERO GENERAL PUBLIC LICENSE"},
}

// isCopyleft reports whether id (as classify returns it) is a copyleft
// licence.
func isCopyleft(id string) bool {
	for _, c := range copyleft {
		if strings.HasPrefix(id, c.id+"-") {
			return true
		}
	}
	return false
}

var gnuVersion = regexp.MustCompile(`Version (\d)`)

var spaces = regexp.MustCompile(`\s+`)

// classify names the licences a file's text holds (several for a file of
// third-party notices); an empty result means none was recognised.
func classify(text string) []string {
	for _, c := range copyleft {
		if i := strings.Index(text, c.title); i >= 0 {
			v := "?"
			if m := gnuVersion.FindStringSubmatch(text[i:min(len(text), i+200)]); m != nil {
				v = m[1]
			}
			return []string{c.id + "-" + v + ".0"}
		}
	}
	t := spaces.ReplaceAllString(strings.ToLower(text), " ")
	t = strings.NewReplacer("‘", "'", "’", "'", "\"", "'").Replace(t)
	seen := map[string]bool{}
	var ids []string
	for _, r := range rules {
		all := true
		for _, p := range r.phrases {
			all = all && strings.Contains(t, p)
		}
		if all && !seen[r.id] && !(r.id == "BSD-2-Clause" && seen["BSD-3-Clause"]) {
			seen[r.id] = true
			ids = append(ids, r.id)
		}
	}
	return ids
}

// Files that accompany a licence and need no recognising: patent grants,
// notices, and a logo's licence (a Go module links no logo).
var noticeName = regexp.MustCompile(`(?i)(^|/)(patents|notice|licen[cs]e[-._]logo)[^/]*$`)

// classifyAll names the licences of a module's files. Every licence file
// (not PATENTS or NOTICE, which accompany one) must be recognised, and a
// copyleft licence is refused unless the module is listed in
// exceptions.txt under that licence (allowed is that entry, or "").
func classifyAll(files []File, allowed string) (string, error) {
	seen := map[string]bool{}
	for _, f := range files {
		ids := classify(f.Text)
		for _, id := range ids {
			if isCopyleft(id) && id != allowed {
				return "", fmt.Errorf("%s: %s 是传染性许可证，不能随程序分发给各单位；换掉这个依赖（或经负责人同意后登记在 .ci/licenses/exceptions.txt）", f.Name, id)
			}
		}
		if len(ids) == 0 && !noticeName.MatchString(f.Name) {
			return "", fmt.Errorf("%s: 认不出是哪种许可证，请人工核对后在 .ci/licenses/classify.go 中补充识别规则", f.Name)
		}
		for _, id := range ids {
			seen[id] = true
		}
	}
	if len(seen) == 0 {
		return "", errors.New("没有可识别的许可证")
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return strings.Join(ids, "+"), nil
}

func renderJSON(mods []Module) ([]byte, error) {
	b, err := json.MarshalIndent(mods, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func renderText(mods []Module) []byte {
	var b strings.Builder
	b.WriteString("意见台账 taizhang 所含软件的许可证（由 .ci/licenses 根据模块清单生成）\n")
	b.WriteString("Licences of the software linked into taizhang (generated from the module list)\n\n")
	for _, m := range mods {
		b.WriteString(strings.Repeat("=", 78) + "\n")
		fmt.Fprintf(&b, "%s %s — %s\n", m.Path, m.Version, m.License)
		for _, f := range m.Files {
			fmt.Fprintf(&b, "\n--- %s ---\n\n%s", f.Name, strings.TrimRight(f.Text, "\n")+"\n")
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}
