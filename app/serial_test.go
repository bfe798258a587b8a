package app

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
)

// Fyne's test driver runs fyne.Do and fyne.DoAndWait at once on the
// calling goroutine, so a screen's background load could touch widgets
// while the test typed into them ("concurrent map writes", about one run
// in ten). uiThread gives the tests what the real driver gives the app:
// one goroutine at a time touches widgets.
//
// The test goroutine owns the widgets from newTestUI on, as the main
// goroutine of the app does, and lets go of them only while waitFor
// sleeps: the callbacks that workers queued with fyne.Do run then, in
// order, like events in the real event loop.
type uiThread struct {
	fyne.Driver
	mu    sync.Mutex   // held by whoever touches widgets
	owner atomic.Int64 // the goroutine holding mu
	queue chan func()
}

// serialApp is the test app with uiThread as its driver.
type serialApp struct {
	fyne.App
	d *uiThread
}

func (a *serialApp) Driver() fyne.Driver { return a.d }

// current is the uiThread of the running test, if any.
var current atomic.Pointer[uiThread]

// ownWidgets installs a uiThread over the test app a and makes the calling
// goroutine the owner of the widgets until the test ends.
func ownWidgets(tb testing.TB, a fyne.App) {
	d := &uiThread{Driver: a.Driver(), queue: make(chan func(), 4096)}
	fyne.SetCurrentApp(&serialApp{App: a, d: d})
	current.Store(d)
	go func() {
		for f := range d.queue {
			d.mu.Lock()
			d.owner.Store(goid())
			f()
			d.owner.Store(0)
			d.mu.Unlock()
		}
	}()
	d.mu.Lock()
	d.owner.Store(goid())
	tb.Cleanup(func() {
		current.CompareAndSwap(d, nil)
		if d.owner.Load() == goid() {
			d.owner.Store(0)
			d.mu.Unlock()
		}
	})
}

// DoFromGoroutine runs f at once on the goroutine that owns the widgets,
// otherwise queues it (and waits for it when asked to).
func (d *uiThread) DoFromGoroutine(f func(), wait bool) {
	if d.owner.Load() == goid() {
		f()
		return
	}
	if !wait {
		d.queue <- f
		return
	}
	done := make(chan struct{})
	d.queue <- func() { defer close(done); f() }
	<-done
}

// letGo lets the queued callbacks run while the test waits: it releases
// the widgets if the calling goroutine owns them, and returns the function
// that takes them back.
func letGo() func() {
	d := current.Load()
	if d == nil || d.owner.Load() != goid() {
		return func() {}
	}
	d.owner.Store(0)
	d.mu.Unlock()
	return func() {
		d.mu.Lock()
		d.owner.Store(goid())
	}
}

// goid is the id of the calling goroutine (tests only).
func goid() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseInt(string(b), 10, 64)
	return id
}
