package app

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
	mu     sync.Mutex   // held by whoever touches widgets
	owner  atomic.Int64 // the goroutine holding mu
	queue  chan call
	closed atomic.Bool // the test has ended: callbacks are dropped
}

// call is a queued callback; done, if any, is closed once it has run or
// been dropped.
type call struct {
	f    func()
	done chan struct{}
}

// serialApp is the test app with uiThread as its driver.
type serialApp struct {
	fyne.App
	d *uiThread
}

func (a *serialApp) Driver() fyne.Driver { return a.d }

// current is the uiThread of the running test, if any.
var current atomic.Pointer[uiThread]

// newSerialApp is test.NewTempApp with a uiThread for driver, owned by the
// calling goroutine until the test ends. Then, until the next test
// installs its own, the current app drops the callbacks of the ended
// test's workers: on Fyne's own driver they would run at once, beside the
// next test.
func newSerialApp(tb testing.TB) fyne.App {
	a := ownWidgets(tb, test.NewApp())
	tb.Cleanup(func() {
		idle := &uiThread{Driver: test.NewApp().Driver()}
		idle.closed.Store(true)
		fyne.SetCurrentApp(&serialApp{App: fyne.CurrentApp(), d: idle})
	})
	return a
}

// ownWidgets installs a uiThread over the test app a and makes the calling
// goroutine the owner of the widgets until the test ends.
func ownWidgets(tb testing.TB, a fyne.App) fyne.App {
	d := &uiThread{Driver: a.Driver(), queue: make(chan call, 4096)}
	sa := &serialApp{App: a, d: d}
	fyne.SetCurrentApp(sa)
	current.Store(d)
	go func() {
		for c := range d.queue {
			d.mu.Lock()
			// Callbacks that arrive after the test ended are dropped: they
			// would touch Fyne's shared caches while the next test runs.
			if !d.closed.Load() {
				d.owner.Store(goid())
				c.f()
				d.owner.Store(0)
			}
			d.mu.Unlock()
			if c.done != nil {
				close(c.done)
			}
		}
	}()
	d.mu.Lock()
	d.owner.Store(goid())
	tb.Cleanup(func() {
		current.CompareAndSwap(d, nil)
		d.closed.Store(true)
		if d.owner.Load() == goid() {
			d.owner.Store(0)
			d.mu.Unlock()
		}
	})
	return sa
}

// DoFromGoroutine runs f at once on the goroutine that owns the widgets,
// otherwise queues it (and waits for it when asked to).
func (d *uiThread) DoFromGoroutine(f func(), wait bool) {
	if d.owner.Load() == goid() {
		f()
		return
	}
	if d.closed.Load() {
		return
	}
	if !wait {
		d.queue <- call{f: f}
		return
	}
	c := call{f: f, done: make(chan struct{})}
	d.queue <- c
	<-c.done
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
