package reports

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/image/font/sfnt"

	"taizhang/assets"
)

// role is what a piece of text is set as; each role has its face.
type role int

// The roles of GB/T 9704 text: the title in 小标宋, the body in 仿宋, 一、
// headings in 黑体 and （一） headings in 楷体.
const (
	roleTitle role = iota
	roleBody
	roleH1
	roleH2
	roleCount
)

// face is one TrueType font: its bytes for fpdf and its parsed tables for
// measuring, finding glyphs and reading outlines.
type face struct {
	family string // the fpdf family it is registered under
	name   string // what it is, for messages: 仿宋（simfang.ttf）
	data   []byte
	font   *sfnt.Font
}

func parseFace(family, name string, data []byte) *face {
	if len(data) < 4 || !(bytes.Equal(data[:4], []byte{0, 1, 0, 0}) || string(data[:4]) == "true") {
		return nil // CFF (.otf) and collections (.ttc): fpdf cannot embed them
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil
	}
	var buf sfnt.Buffer
	if i, err := f.GlyphIndex(&buf, '中'); err != nil || i == 0 {
		return nil
	}
	return &face{family: family, name: name, data: data, font: f}
}

// has reports whether the face has a glyph for c.
func (f *face) has(buf *sfnt.Buffer, c rune) bool {
	i, err := f.font.GlyphIndex(buf, c)
	return err == nil && i != 0
}

// faces are the faces a document is drawn with: per role, a list to try
// in order, and the bundled Noto faces behind every list.
type faces struct {
	chain [roleCount][]*face
	all   []*face // every face, for the fallback of last resort
}

var bundled = sync.OnceValue(func() [3]*face {
	return [3]*face{
		parseFace("serif", "Noto Serif CJK SC", assets.SerifRegular),
		parseFace("sans", "Noto Sans CJK SC", assets.SansRegular),
		parseFace("sansb", "Noto Sans CJK SC Bold", assets.SansBold),
	}
})

// newFaces puts the official faces found (by role; nil where none) in
// front of the bundled Noto faces: 小标宋 or else Noto Sans Bold for the
// title, 仿宋 or Noto Serif for the body, 黑体 or Noto Sans Bold for 一、,
// 楷体 or Noto Sans for （一）.
func newFaces(official [roleCount]*face) *faces {
	b := bundled()
	serif, sans, sansBold := b[0], b[1], b[2]
	fs := &faces{}
	base := [roleCount][]*face{
		roleTitle: {sansBold, serif},
		roleBody:  {serif, sans},
		roleH1:    {sansBold, serif},
		roleH2:    {sans, serif},
	}
	seen := map[*face]bool{}
	for r := role(0); r < roleCount; r++ {
		if official[r] != nil {
			fs.chain[r] = append(fs.chain[r], official[r])
		}
		fs.chain[r] = append(fs.chain[r], base[r]...)
		for _, f := range fs.chain[r] {
			if !seen[f] {
				seen[f] = true
				fs.all = append(fs.all, f)
			}
		}
	}
	return fs
}

// systemFaces are the official faces of this machine, looked for once.
var systemFaces = sync.OnceValue(func() *faces { return newFaces(findOfficialFaces(fontDirs())) })

// officialNames are the file names of the faces offices use, per role, in
// order of preference (lower case): Windows' simfang, simkai and simhei,
// the 方正 faces that UOS, Kylin and WPS install, and 小标宋 where someone
// installed it. LXGW WenKai (fonts-lxgw-wenkai, OFL) stands in for 楷体.
var officialNames = [roleCount][]string{
	roleTitle: {"方正小标宋简体.ttf", "fzxbsjw.ttf", "fzxbsjw--gb1-0.ttf", "方正小标宋_gbk.ttf", "fzxbsk.ttf",
		"fzxiaobiaosong-b05s.ttf", "小标宋.ttf", "小标宋体.ttf"},
	roleBody: {"仿宋_gb2312.ttf", "fangsong_gb2312.ttf", "simfang.ttf", "方正仿宋_gbk.ttf", "fzfsk.ttf",
		"方正仿宋简体.ttf", "fzfsjw.ttf", "stfangso.ttf", "fangsong.ttf"},
	roleH1: {"simhei.ttf", "方正黑体_gbk.ttf", "fzhtk.ttf", "方正黑体简体.ttf", "fzhtjw.ttf", "stheiti.ttf"},
	roleH2: {"楷体_gb2312.ttf", "kaiti_gb2312.ttf", "simkai.ttf", "方正楷体_gbk.ttf", "fzktk.ttf", "方正楷体简体.ttf",
		"fzktjw.ttf", "stkaiti.ttf", "lxgwwenkai-regular.ttf"},
}

var roleFamily = [roleCount]string{"xbs", "fangsong", "heiti", "kaiti"}

// fontDirs are the folders looked in for official faces: those named by
// the environment variable TAIZHANG_FONT_DIRS (a path list), then the
// system's and the user's font folders.
func fontDirs() []string {
	dirs := filepath.SplitList(os.Getenv("TAIZHANG_FONT_DIRS"))
	home, _ := os.UserHomeDir()
	if runtime.GOOS == "windows" {
		dirs = append(dirs, filepath.Join(os.Getenv("WINDIR"), "Fonts"),
			filepath.Join(os.Getenv("LOCALAPPDATA"), "Microsoft", "Windows", "Fonts"))
	} else {
		dirs = append(dirs, "/usr/share/fonts", "/usr/local/share/fonts", filepath.Join(home, ".local", "share", "fonts"),
			filepath.Join(home, ".fonts"))
	}
	return dirs
}

// findOfficialFaces looks through dirs (and their subfolders, a bounded
// number of files) for the official faces, and returns the first usable
// file of each role: TrueType outlines, readable, with Chinese glyphs.
// Nothing is required: a role without a face stays nil.
func findOfficialFaces(dirs []string) [roleCount]*face {
	found := map[string]string{} // lower-case base name → path
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		seen := 0
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if seen++; seen > 20000 {
				return filepath.SkipAll
			}
			if !d.IsDir() {
				name := strings.ToLower(d.Name())
				if _, dup := found[name]; !dup && strings.HasSuffix(name, ".ttf") {
					found[name] = path
				}
			}
			return nil
		})
	}
	var out [roleCount]*face
	for r := role(0); r < roleCount; r++ {
		for _, name := range officialNames[r] {
			path, ok := found[name]
			if !ok {
				continue
			}
			info, err := os.Stat(path)
			if err != nil || info.Size() > 64<<20 {
				continue
			}
			data, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			if f := parseFace(roleFamily[r], filepath.Base(path), data); f != nil {
				out[r] = f
				break
			}
		}
	}
	return out
}
