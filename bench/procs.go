package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// child is a server the benchmark started: warta or nginx. It runs in
// its own process group, so that Ctrl+C reaches only the benchmark, which
// then stops its children in order; and it dies with the benchmark
// (Pdeathsig) should the benchmark be killed outright.
type child struct {
	name string
	cmd  *exec.Cmd
	done chan struct{}
	err  error
}

// startChild starts name with args, its output appended to logPath.
func startChild(name, logPath string, args ...string) (*child, error) {
	log, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	c := &child{name: filepath.Base(name), cmd: cmd, done: make(chan struct{})}
	go func() {
		c.err = cmd.Wait()
		log.Close()
		close(c.done)
	}()
	return c, nil
}

// pid is the child's process ID.
func (c *child) pid() int { return c.cmd.Process.Pid }

// exited reports whether the child has stopped by itself.
func (c *child) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// stop asks the child's process group to stop (SIGTERM), and kills it
// after grace.
func (c *child) stop(grace time.Duration) {
	if c == nil || c.exited() {
		return
	}
	syscall.Kill(-c.pid(), syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(grace):
		syscall.Kill(-c.pid(), syscall.SIGKILL)
		<-c.done
	}
}

// waitReady polls url every 5 ms until it answers 200, the child exits
// or ctx ends, and returns how long it took from start.
func waitReady(ctx context.Context, c *child, url string, start time.Time, logPath string) (time.Duration, error) {
	client := &http.Client{Timeout: time.Second}
	for {
		resp, err := client.Get(url)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start), nil
			}
		}
		if c.exited() {
			return 0, fmt.Errorf("%s stopped before it was ready (%v); its log %s ends:\n%s", c.name, c.err, logPath, tail(logPath, 15))
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// tail returns the last n lines of a file.
func tail(path string, n int) string {
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// freePort returns a loopback port that was free a moment ago.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// rssSampler reads a process's resident set size (VmRSS in
// /proc/PID/status) every 200 ms and keeps the peak.
type rssSampler struct {
	mu   sync.Mutex
	peak int64 // bytes
	stop chan struct{}
	done chan struct{}
}

// sampleRSS starts sampling pid.
func sampleRSS(pid int) *rssSampler {
	s := &rssSampler{stop: make(chan struct{}), done: make(chan struct{})}
	path := "/proc/" + strconv.Itoa(pid) + "/status"
	go func() {
		defer close(s.done)
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			if rss, err := vmRSS(path); err == nil {
				s.mu.Lock()
				s.peak = max(s.peak, rss)
				s.mu.Unlock()
			}
			select {
			case <-s.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

// Peak returns the largest RSS seen so far, in bytes.
func (s *rssSampler) Peak() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}

// Stop ends sampling.
func (s *rssSampler) Stop() {
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
	<-s.done
}

// vmRSS reads the VmRSS line of a /proc status file, in bytes.
func vmRSS(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no VmRSS")
}

// skipHeaders are the response headers nginx makes itself, or that
// describe one response rather than the page; the others warta sends
// (security headers, Cache-Control, Vary…) nginx is told to send too, so
// both servers write about the same bytes per answer.
var skipHeaders = map[string]bool{
	"Date": true, "Content-Length": true, "Content-Type": true, "Server": true,
	"Connection": true, "Keep-Alive": true, "Transfer-Encoding": true, "Set-Cookie": true,
	"Last-Modified": true, "Etag": true, "Accept-Ranges": true,
}

// nginxConf is a minimal configuration serving one file, article.html,
// from dir/www on the loopback port, with warta's headers added.
func nginxConf(dir string, port int, h http.Header) string {
	var add strings.Builder
	for name, values := range h {
		if skipHeaders[name] {
			continue
		}
		for _, v := range values {
			if strings.Contains(v, "$") {
				continue // nginx would read it as a variable
			}
			v = strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v)
			fmt.Fprintf(&add, "      add_header %s \"%s\" always;\n", name, v)
		}
	}
	return fmt.Sprintf(`# Written by go run ./bench: serves warta's article page as a static file.
worker_processes auto;
daemon off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  # Go's server keeps a connection for any number of requests; so does this.
  keepalive_requests 100000000;
  keepalive_timeout 120s;
  # wrk sends no Accept-Encoding, and warta then answers uncompressed.
  gzip off;
  server_tokens off;
  etag off;
  types { }
  default_type "text/html; charset=utf-8";
  client_body_temp_path %[1]s/tmp/body;
  proxy_temp_path %[1]s/tmp/proxy;
  fastcgi_temp_path %[1]s/tmp/fastcgi;
  uwsgi_temp_path %[1]s/tmp/uwsgi;
  scgi_temp_path %[1]s/tmp/scgi;
  server {
    listen 127.0.0.1:%[2]d;
    root %[1]s/www;
    location = /article.html {
%[3]s    }
    location / { return 404; }
  }
}
`, dir, port, add.String())
}

// startNginx writes dir/nginx.conf and dir/www/article.html (page) and
// runs nginx on port until stopped.
func startNginx(ctx context.Context, dir string, port int, page []byte, h http.Header) (*child, error) {
	for _, d := range []string{"www", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return nil, err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "www", "article.html"), page, 0o644); err != nil {
		return nil, err
	}
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(nginxConf(dir, port, h)), 0o644); err != nil {
		return nil, err
	}
	logPath := filepath.Join(dir, "nginx.log")
	c, err := startChild("nginx", logPath, "-e", filepath.Join(dir, "error.log"), "-p", dir+"/", "-c", conf)
	if err != nil {
		return nil, err
	}
	if _, err := waitReady(ctx, c, fmt.Sprintf("http://127.0.0.1:%d/article.html", port), time.Now(), filepath.Join(dir, "error.log")); err != nil {
		c.stop(5 * time.Second)
		return nil, err
	}
	return c, nil
}

// usage is what a process cost over a period: its CPU time, from the
// utime and stime fields of /proc/PID/stat, and the machine's load.
type usage struct {
	cpu   time.Duration
	load1 float64
}

// perRequest is the CPU time per request in milliseconds, 0 if unknown.
func (u usage) perRequest(requests int64) float64 {
	if requests <= 0 || u.cpu <= 0 {
		return 0
	}
	return float64(u.cpu) / float64(time.Millisecond) / float64(requests)
}

// cpuTime reads a process's CPU time (user + system) so far; 0 when
// /proc is not there (not Linux), which leaves the column empty.
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name (field 2) may hold spaces; fields after its
	// closing parenthesis are plain. utime and stime are fields 14
	// and 15, in clock ticks of 1/100 s on Linux (USER_HZ).
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(ut+st) * 10 * time.Millisecond
}

// loadAverage is the machine's one-minute load average, 0 if unknown.
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
}
