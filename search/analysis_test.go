package search

import (
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

func render(ts analysis.TokenStream) string {
	var parts []string
	for _, t := range ts {
		parts = append(parts, fmt.Sprintf("%s@%d", t.Term, t.Position))
	}
	return strings.Join(parts, " ")
}

func TestAnalyzers(t *testing.T) {
	for _, c := range []struct{ in, pairs, chars string }{
		{"噪音扰民", "噪@1 噪音@1 音扰@2 扰民@3 民@4", "噪@1 音@2 扰@3 民@4"},
		{"噪", "噪@1", "噪@1"},
		{"A3区域", "a3@1 区@2 区域@2 域@3", "区@1 域@2"},
		{"1号A3", "1@1 号@2 a3@3", "号@1"},
		// Full-width letters and digits fold to half width and lower case;
		// punctuation and spaces end a run and a word.
		{"ＡＢＣ公司，电话：１２３４５", "abc@1 公@2 公司@2 司@3 电@4 电话@4 话@5 12345@6", "公@1 司@2 电@3 话@4"},
		{"Hello World", "hello@1 world@2", ""},
		{"小区 噪音", "小@1 小区@1 区@2 噪@3 噪音@3 音@4", "小@1 区@2 噪@3 音@4"},
		{"", "", ""},
		{"，。！", "", ""},
	} {
		if got := render(pairsAnalyzer{}.Analyze([]byte(c.in))); got != c.pairs {
			t.Errorf("pairs(%q) = %q, want %q", c.in, got, c.pairs)
		}
		if got := render(charsOnlyAnalyzer{}.Analyze([]byte(c.in))); got != c.chars {
			t.Errorf("chars(%q) = %q, want %q", c.in, got, c.chars)
		}
	}
	// Byte offsets point at the text of each token.
	in := "请把ＡＢ路的路灯修好"
	for _, tok := range (pairsAnalyzer{}).Analyze([]byte(in)) {
		if got := fold(in[tok.Start:tok.End]); got != string(tok.Term) {
			t.Errorf("token %q at %d:%d covers %q", tok.Term, tok.Start, tok.End, in[tok.Start:tok.End])
		}
	}
}
