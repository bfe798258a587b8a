package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Module is one entry of the licence list: a Go module (or the Go
// toolchain) and the licence files that cover what the program links of it.
type Module struct {
	Path    string `json:"path"`
	Version string `json:"version,omitempty"`
	License string `json:"license"` // SPDX identifiers, "+"-joined when several
	Files   []File `json:"files"`
}

// File is one licence file, by its path inside the module.
type File struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// goosList are the systems taizhang ships for; the list is their union.
var goosList = []string{"linux", "windows"}

type listPackage struct {
	ImportPath string
	Dir        string
	Standard   bool
	Module     *struct {
		Path, Version, Dir string
		Main               bool
		Replace            *struct{ Path, Version, Dir string }
	}
}

// collect lists the modules linked into the main package in dir.
func collect(dir string) ([]Module, error) {
	dirs := map[string]map[string]bool{} // module path@version → package dirs
	roots := map[string]listPackage{}
	for _, goos := range goosList {
		pkgs, err := listDeps(dir, goos)
		if err != nil {
			return nil, err
		}
		for _, p := range pkgs {
			if p.Standard || p.Module == nil || p.Module.Main {
				continue
			}
			if p.Module.Replace != nil {
				p.Module.Path, p.Module.Version, p.Module.Dir = p.Module.Replace.Path, p.Module.Replace.Version, p.Module.Replace.Dir
			}
			key := p.Module.Path + "@" + p.Module.Version
			if dirs[key] == nil {
				dirs[key] = map[string]bool{}
				roots[key] = p
			}
			dirs[key][p.Dir] = true
		}
	}
	goroot, err := goEnv(dir, "GOROOT")
	if err != nil {
		return nil, err
	}
	gofile, err := os.ReadFile(filepath.Join(goroot, "LICENSE"))
	if err != nil {
		return nil, fmt.Errorf("go 工具链的许可证（GOROOT/LICENSE）：%w", err)
	}
	goMod := Module{Path: "Go（标准库与运行时）", Files: []File{{Name: "LICENSE", Text: string(gofile)}}}
	mods := []Module{goMod}
	keys := make([]string, 0, len(dirs))
	for k := range dirs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		m := roots[k].Module
		files, err := licenseFiles(m.Dir, dirs[k])
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", m.Path, m.Version, err)
		}
		mods = append(mods, Module{Path: m.Path, Version: m.Version, Files: files})
	}
	allowed, err := readExceptions(exceptionsFile)
	if err != nil {
		return nil, err
	}
	for i := range mods {
		id, err := classifyAll(mods[i].Files, allowed[mods[i].Path])
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", mods[i].Path, mods[i].Version, err)
		}
		mods[i].License = id
	}
	return mods, nil
}

func listDeps(dir, goos string) ([]listPackage, error) {
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Dir,Standard,Module", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH=amd64", "CGO_ENABLED=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list (GOOS=%s): %v\n%s", goos, err, stderr.String())
	}
	var pkgs []listPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			return pkgs, nil
		} else if err != nil {
			return nil, err
		}
		pkgs = append(pkgs, p)
	}
}

func goEnv(dir, name string) (string, error) {
	cmd := exec.Command("go", "env", name)
	cmd.Dir = dir
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

var licenseName = regexp.MustCompile(`(?i)^(licen[cs]e|copying|patents|notice)([-._].*)?$`)

// licenseFiles finds the licence files covering the packages in pkgDirs:
// in each package's folder and the folders above it up to the module root,
// and in the folders below it that hold no Go files (bundled C sources).
func licenseFiles(root string, pkgDirs map[string]bool) ([]File, error) {
	found := map[string]bool{}
	for d := range pkgDirs {
		for p := d; ; p = filepath.Dir(p) {
			addLicenses(p, found)
			if p == root || !strings.HasPrefix(p, root) {
				break
			}
		}
		if err := walkNonGo(d, found); err != nil {
			return nil, err
		}
	}
	if len(found) == 0 {
		return nil, errors.New("模块里没有许可证文件（LICENSE、COPYING…）")
	}
	names := make([]string, 0, len(found))
	for f := range found {
		names = append(names, f)
	}
	sort.Strings(names)
	var files []File
	for _, f := range names {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		rel, _ := filepath.Rel(root, f)
		files = append(files, File{Name: filepath.ToSlash(rel), Text: strings.ReplaceAll(string(b), "\r\n", "\n")})
	}
	return files, nil
}

func addLicenses(dir string, found map[string]bool) {
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if !e.IsDir() && licenseName.MatchString(e.Name()) {
			found[filepath.Join(dir, e.Name())] = true
		}
	}
}

// walkNonGo adds the licence files of dir's sub-folders that hold no .go
// file (and so are not packages of their own), skipping tests and examples.
func walkNonGo(dir string, found map[string]bool) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		n := e.Name()
		if !e.IsDir() || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") || n == "testdata" || n == "example" || n == "examples" || n == "cmd" {
			continue
		}
		sub := filepath.Join(dir, n)
		if hasGo(sub) {
			continue
		}
		addLicenses(sub, found)
		if err := walkNonGo(sub, found); err != nil {
			return err
		}
	}
	return nil
}

func hasGo(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	return len(m) > 0
}
