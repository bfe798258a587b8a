// Package instance keeps one window of 意见台账 per user. The first program
// to start claims a local socket; a program started while it runs (a
// second click on the Start-menu entry, a double-click on a .taizhang
// ledger) hands its ledger to the running one over that socket and exits,
// so the ledger opens in the window already on the screen, or that window
// says it is open. It imports no Fyne: the window answers through the
// handler it gives Serve.
//
// The socket is a Unix domain socket, which Linux and Windows 10 (1803 and
// later) both have, at Path(dir) in the user's own configuration folder
// (another user cannot reach it; permissions 0600). One request per
// connection, one line of JSON each way. A socket file left behind by a
// program that crashed answers nothing and is replaced. Two programs started
// in the same instant right after such a crash may both become windows;
// nothing is lost then, there are only two windows.
package instance

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Request is what a second start asks of the running window.
type Request struct {
	Open string `json:"open,omitempty"` // absolute path of a ledger to open; "" only brings the window forward
	Demo bool   `json:"demo,omitempty"` // open the demo ledger (taizhang --demo)
}

// Reply is the running window's answer.
type Reply struct {
	// Message says in Chinese what the window did (已在窗口中打开…, 这个台账已经打开…).
	Message string `json:"message"`
}

// Handler answers a request; Serve calls it on its own goroutine.
type Handler func(Request) Reply

// Timeouts. A running window answers at once; a window still starting up
// takes its requests as soon as it calls Serve.
var (
	dialTimeout  = 2 * time.Second
	replyTimeout = 15 * time.Second
	readTimeout  = 5 * time.Second
)

// maxRequest bounds a request (a path and a flag).
const maxRequest = 64 << 10

// maxSocketPath is the longest socket path both Linux (108 bytes with the
// NUL) and Windows accept.
const maxSocketPath = 100

// Path is the socket's path for the configuration folder dir (normally
// os.UserConfigDir()/taizhang): instance.sock inside it, or, when that path
// is too long for a socket, a name made from its hash in the temporary
// folder.
func Path(dir string) string {
	p := filepath.Join(dir, "instance.sock")
	if len(p) <= maxSocketPath {
		return p
	}
	sum := sha256.Sum256([]byte(dir))
	return filepath.Join(os.TempDir(), "taizhang-"+hex.EncodeToString(sum[:8])+".sock")
}

// Server is the running window's end of the socket.
type Server struct {
	ln      net.Listener
	path    string
	mu      sync.Mutex
	handler Handler
	ready   chan struct{} // closed by Serve
	once    sync.Once
	done    chan struct{}
}

// Claim makes this process the running window for dir, or hands req to the
// window that already runs there. Exactly one of its results is set: a
// *Server when this process is the first (the caller then calls Serve and,
// at the end, Close); the running window's Reply when another took req (the
// caller exits); an error when neither works (the caller goes on as a
// window of its own).
func Claim(dir string, req Request) (*Server, *Reply, error) {
	path := Path(dir)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, nil, err
	}
	for attempt := 0; attempt < 3; attempt++ {
		if reply, err := send(path, req); err == nil {
			return nil, &reply, nil
		} else if !errors.Is(err, errNobody) {
			return nil, nil, err
		}
		ln, err := net.Listen("unix", path)
		if err == nil {
			os.Chmod(path, 0o600)
			s := &Server{ln: ln, path: path, ready: make(chan struct{}), done: make(chan struct{})}
			go s.accept()
			return s, nil, nil
		}
		// Nobody answered and the name is taken: another program claimed it
		// this instant (it answers now), or a crash left the socket behind
		// (remove it and try again).
		if reply, err := send(path, req); err == nil {
			return nil, &reply, nil
		} else if errors.Is(err, errNobody) {
			os.Remove(path)
		}
		time.Sleep(time.Duration(attempt) * 20 * time.Millisecond)
	}
	return nil, nil, errors.New("instance: could not claim " + path)
}

// errNobody means no program listens on the socket.
var errNobody = errors.New("instance: nobody listens")

// send hands req to the program listening on path and returns its reply.
func send(path string, req Request) (Reply, error) {
	conn, err := net.DialTimeout("unix", path, dialTimeout)
	if err != nil {
		return Reply{}, errNobody // no socket, or one left by a crash
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(replyTimeout))
	if err := json.NewEncoder(conn).Encode(req); err != nil {
		return Reply{}, err
	}
	var reply Reply
	line, err := bufio.NewReader(conn).ReadBytes('\n')
	if err != nil {
		return Reply{}, err
	}
	return reply, json.Unmarshal(line, &reply)
}

// Serve starts answering requests with h. Requests that arrived before are
// answered now, in order.
func (s *Server) Serve(h Handler) {
	s.mu.Lock()
	s.handler = h
	s.mu.Unlock()
	s.once.Do(func() { close(s.ready) })
}

func (s *Server) accept() {
	defer close(s.done)
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return // closed
		}
		s.answer(conn)
	}
}

// answer handles one connection, waiting for Serve if it has not been
// called yet. Connections are answered one at a time.
func (s *Server) answer(conn net.Conn) {
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(readTimeout))
	line, err := bufio.NewReader(io.LimitReader(conn, maxRequest)).ReadBytes('\n')
	if err != nil {
		return
	}
	var req Request
	if json.Unmarshal(line, &req) != nil {
		return
	}
	<-s.ready
	s.mu.Lock()
	h := s.handler
	s.mu.Unlock()
	reply := h(req)
	conn.SetWriteDeadline(time.Now().Add(readTimeout))
	json.NewEncoder(conn).Encode(reply)
}

// Close stops answering and removes the socket. A request being answered
// is given a second to finish. A nil Server has nothing to close.
func (s *Server) Close() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	if s.handler == nil {
		s.handler = func(Request) Reply { return Reply{Message: "意见台账正在退出，请稍后再打开。"} }
	}
	s.mu.Unlock()
	s.once.Do(func() { close(s.ready) })
	err := s.ln.Close()
	select {
	case <-s.done:
	case <-time.After(time.Second):
	}
	return err
}
