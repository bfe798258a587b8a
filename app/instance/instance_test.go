package instance

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// window is a running window for the tests: it records what it was asked.
type window struct {
	mu   sync.Mutex
	got  []Request
	srv  *Server
	dir  string
	open string
}

func startWindow(t *testing.T, dir string) *window {
	t.Helper()
	s, reply, err := Claim(dir, Request{})
	if err != nil || reply != nil || s == nil {
		t.Fatalf("first start: server %v, reply %v, error %v; want a server", s, reply, err)
	}
	w := &window{srv: s, dir: dir}
	s.Serve(w.handle)
	t.Cleanup(func() { s.Close() })
	return w
}

func (w *window) handle(r Request) Reply {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.got = append(w.got, r)
	if r.Open == w.open && r.Open != "" {
		return Reply{Message: "这个台账已经打开"}
	}
	w.open = r.Open
	return Reply{Message: "已打开 " + r.Open}
}

func (w *window) requests() []Request {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]Request(nil), w.got...)
}

func TestSecondStartHandsItsLedgerToTheFirst(t *testing.T) {
	dir := t.TempDir()
	w := startWindow(t, dir)
	for _, tt := range []struct{ open, want string }{
		{"/台账/甲.taizhang", "已打开 /台账/甲.taizhang"},
		{"/台账/甲.taizhang", "这个台账已经打开"},
		{"/台账/乙.taizhang", "已打开 /台账/乙.taizhang"},
	} {
		s, reply, err := Claim(dir, Request{Open: tt.open})
		if s != nil || err != nil || reply == nil {
			t.Fatalf("second start with %s: server %v, error %v; want the running window's reply", tt.open, s, err)
		}
		if reply.Message != tt.want {
			t.Errorf("second start with %s: the window said %q, want %q", tt.open, reply.Message, tt.want)
		}
	}
	if got := w.requests(); len(got) != 3 || got[2].Open != "/台账/乙.taizhang" {
		t.Errorf("the window was asked %v", got)
	}
}

func TestAfterTheWindowClosesTheNextStartIsTheWindow(t *testing.T) {
	dir := t.TempDir()
	w := startWindow(t, dir)
	w.srv.Close()
	if _, err := os.Stat(Path(dir)); !os.IsNotExist(err) {
		t.Errorf("the socket is still there after Close: %v", err)
	}
	s, reply, err := Claim(dir, Request{Open: "/台账/甲.taizhang"})
	if s == nil || reply != nil || err != nil {
		t.Fatalf("start after the window closed: server %v, reply %v, error %v; want a server", s, reply, err)
	}
	s.Close()
}

func TestSocketLeftByACrashIsReplaced(t *testing.T) {
	dir := t.TempDir()
	ln, err := net.Listen("unix", Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false) // as after a kill -9
	ln.Close()
	if _, err := os.Stat(Path(dir)); err != nil {
		t.Fatalf("the crashed socket should be left behind: %v", err)
	}
	s, reply, err := Claim(dir, Request{})
	if s == nil || reply != nil || err != nil {
		t.Fatalf("start after a crash: server %v, reply %v, error %v; want a server", s, reply, err)
	}
	s.Close()
}

func TestRequestsWaitUntilTheWindowServes(t *testing.T) {
	dir := t.TempDir()
	s, _, err := Claim(dir, Request{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := make(chan *Reply, 1)
	go func() {
		_, r, _ := Claim(dir, Request{Open: "/台账/早.taizhang"})
		got <- r
	}()
	time.Sleep(200 * time.Millisecond) // the first window is still building itself
	select {
	case r := <-got:
		t.Fatalf("answered before Serve: %v", r)
	default:
	}
	w := &window{}
	s.Serve(w.handle)
	select {
	case r := <-got:
		if r == nil || r.Message != "已打开 /台账/早.taizhang" {
			t.Errorf("the early request got %v", r)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the early request was never answered")
	}
}

func TestOnlyOneOfManyStartsBecomesTheWindow(t *testing.T) {
	dir := t.TempDir()
	const n = 8
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		servers []*Server
		replies int
		errs    []error
	)
	w := &window{}
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, r, err := Claim(dir, Request{Open: "/台账/同时.taizhang"})
			if s != nil {
				s.Serve(w.handle)
			}
			mu.Lock()
			defer mu.Unlock()
			switch {
			case s != nil:
				servers = append(servers, s)
			case r != nil:
				replies++
			default:
				errs = append(errs, err)
			}
		}()
	}
	wg.Wait()
	for _, s := range servers {
		s.Close()
	}
	if len(servers) != 1 || replies != n-1 || len(errs) != 0 {
		t.Errorf("%d starts at once: %d windows, %d handed over, errors %v; want 1 window", n, len(servers), replies, errs)
	}
}

func TestALongConfigFolderStillGetsASocket(t *testing.T) {
	dir := filepath.Join(t.TempDir(), strings.Repeat("很长的文件夹名", 8))
	p := Path(dir)
	if len(p) > maxSocketPath || !strings.HasPrefix(p, os.TempDir()) {
		t.Errorf("Path(%d-byte folder) = %q (%d bytes)", len(dir), p, len(p))
	}
	if Path(dir) != p || Path(dir+"x") == p {
		t.Errorf("Path is not a function of the folder")
	}
	w := startWindow(t, dir)
	if _, r, _ := Claim(dir, Request{Open: "/a.taizhang"}); r == nil || len(w.requests()) != 1 {
		t.Errorf("a second start did not reach the window: %v", r)
	}
}

func TestSocketIsTheUsersOnly(t *testing.T) {
	dir := t.TempDir()
	startWindow(t, dir)
	fi, err := os.Stat(Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("the socket's permissions are %v; others must not reach it", perm)
	}
}
