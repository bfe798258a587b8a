package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"taizhang/assets"
	"taizhang/search"
)

// aboutTab opens tab i of the About dialog on top of w and returns the
// texts of its labels, and its list if it has one.
func aboutTab(t *testing.T, w fyne.Window, i int) (string, *widget.List) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the About dialog is not open")
	}
	var tabs *container.AppTabs
	boardWalk(top, func(o fyne.CanvasObject) {
		if x, ok := o.(*container.AppTabs); ok {
			tabs = x
		}
	})
	if tabs == nil {
		t.Fatal("the About dialog has no tabs")
	}
	tabs.SelectIndex(i)
	var texts []string
	var list *widget.List
	boardWalk(tabs.Items[i].Content, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			texts = append(texts, x.Text)
		case *widget.RichText:
			texts = append(texts, x.String())
		case *widget.List:
			list = x
		}
	})
	return strings.Join(texts, "\n"), list
}

func TestAboutShowsVersionPlacesAndLicences(t *testing.T) {
	u, w := newTestUI(t)
	old := assets.Version
	assets.Version, assets.BuildDate = "9.8.7-test", "2026-12-01T08:00:00Z"
	t.Cleanup(func() { assets.Version, assets.BuildDate = old, "" })
	u.onAbout()

	summary, _ := aboutTab(t, w, 0)
	l := u.Ledger()
	index, err := search.PathFor(searchIndexDir(), l.Path())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"意见台账 9.8.7-test", "2026-12-01T08:00:00Z", l.Path(), l.BackupDir(), index} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary does not show %q:\n%s", want, summary)
		}
	}

	fonts, _ := aboutTab(t, w, 1)
	if !strings.Contains(fonts, "SIL OPEN FONT LICENSE Version 1.1") || !strings.Contains(fonts, "Noto Sans CJK SC") {
		t.Errorf("the font tab does not show the OFL for the bundled fonts:\n%.300s", fonts)
	}

	libs, list := aboutTab(t, w, 2)
	all := assets.Licenses()
	if !strings.Contains(libs, "以下"+itoa(len(all)-1)+"个程序库") {
		t.Errorf("the library tab does not count the %d libraries:\n%.300s", len(all)-1, libs)
	}
	if list == nil || list.Length() != len(all) {
		t.Fatalf("the library list has %v rows, want %d", list, len(all))
	}
	fyneAt := -1
	for i, m := range all {
		if m.Path == "fyne.io/fyne/v2" {
			fyneAt = i
		}
	}
	list.Select(fyneAt)
	libs, _ = aboutTab(t, w, 2)
	if !strings.Contains(libs, "fyne.io/fyne/v2 "+all[fyneAt].Version) || !strings.Contains(libs, "Redistribution and use in source and binary forms") {
		t.Errorf("choosing Fyne does not show its licence:\n%.500s", libs)
	}
}

var reflowTests = []struct{ name, in, want string }{
	{"a paragraph wrapped at 72 columns is one line",
		"Redistribution and use in source and binary forms, with or without\nmodification, are permitted.\n",
		"Redistribution and use in source and binary forms, with or without modification, are permitted."},
	{"blank lines separate paragraphs; short lines keep their breaks",
		"Copyright 2009 The Go Authors.\nCopyright 2012 Someone Else.\n\nRedistribution and use in source and binary forms, with or\nwithout modification.",
		"Copyright 2009 The Go Authors.\nCopyright 2012 Someone Else.\n\nRedistribution and use in source and binary forms, with or without modification."},
	{"list items start a line; their wrapped lines join them",
		"met:\n\n   * Redistributions of source code must retain the above\ncopyright notice.\n   * Redistributions in binary form",
		"met:\n\n   * Redistributions of source code must retain the above copyright notice.\n   * Redistributions in binary form"},
	{"a hanging indent (Apache) joins too",
		"      (a) You must give any other recipients of the Work or\n          Derivative Works a copy of this License; and\n\n      (b) You must cause",
		"      (a) You must give any other recipients of the Work or Derivative Works a copy of this License; and\n\n      (b) You must cause"},
	{"centred titles and numbered sections keep their lines",
		"                                 Apache License\n                           Version 2.0, January 2004\n   1. Definitions.\n   2. Grant",
		"                                 Apache License\n                           Version 2.0, January 2004\n   1. Definitions.\n   2. Grant"},
}

func TestReflowLicenceText(t *testing.T) {
	for _, tt := range reflowTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reflow(tt.in); got != tt.want {
				t.Errorf("reflow(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
