package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// wrkResult is what one wrk run measured.
type wrkResult struct {
	Requests     int64   `json:"requests"`
	ReqPerSec    float64 `json:"req_per_sec"`
	P50ms        float64 `json:"p50_ms"`
	P99ms        float64 `json:"p99_ms"`
	SocketErrors int64   `json:"socket_errors"`
	Non2xx3xx    int64   `json:"non_2xx_3xx"`
	// Counted is what the script's done() reported counting, such as the
	// 303 answers of the comment run; -1 when the script counts nothing.
	Counted int64 `json:"counted,omitempty"`
	// Sent and Answered are the comment posts the script sent and got
	// an answer to before wrk stopped; the difference was still in
	// flight, and the server may have stored those too.
	Sent     int64 `json:"sent,omitempty"`
	Answered int64 `json:"answered,omitempty"`
	// Exhausted is how many requests the comment script had no fresh
	// form left for.
	Exhausted int64 `json:"exhausted,omitempty"`
}

// wrkOptions says how to drive one run.
type wrkOptions struct {
	URL         string
	Script      string   // Lua file, or "" for a plain GET of URL
	ScriptArgs  []string // passed to the script's init(args)
	Threads     int
	Connections int
	Duration    time.Duration
	LogFile     string // where the raw output is appended
}

// runWrk runs wrk once with --latency and parses its report.
func runWrk(ctx context.Context, o wrkOptions) (wrkResult, error) {
	args := []string{
		"-t" + strconv.Itoa(o.Threads), "-c" + strconv.Itoa(o.Connections),
		"-d" + strconv.Itoa(max(1, int(o.Duration.Round(time.Second)/time.Second))) + "s",
		"--timeout", "5s", "--latency",
	}
	if o.Script != "" {
		args = append(args, "-s", o.Script)
	}
	args = append(args, o.URL)
	if len(o.ScriptArgs) > 0 {
		args = append(args, "--")
		args = append(args, o.ScriptArgs...)
	}
	cmd := exec.CommandContext(ctx, "wrk", args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if o.LogFile != "" {
		if f, ferr := os.OpenFile(o.LogFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644); ferr == nil {
			fmt.Fprintf(f, "$ wrk %s\n%s\n", strings.Join(args, " "), out.String())
			f.Close()
		}
	}
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk %s: %v: %s", o.URL, err, strings.TrimSpace(out.String()))
	}
	return parseWrk(out.String())
}

var (
	reLatencyPct = regexp.MustCompile(`^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$`)
	reRequests   = regexp.MustCompile(`^\s*(\d+) requests in`)
	reReqSec     = regexp.MustCompile(`^Requests/sec:\s+([\d.]+)`)
	reSocket     = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
	reNon2xx     = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	reCounted    = regexp.MustCompile(`^bench-counted (\d+)`)
	reExhausted  = regexp.MustCompile(`^bench-exhausted (\d+)`)
	reSent       = regexp.MustCompile(`^bench-sent (\d+)`)
	reAnswered   = regexp.MustCompile(`^bench-answered (\d+)`)
)

// parseWrk reads wrk's text report: requests, requests/s, the 50% and
// 99% latencies of --latency, socket errors and non-2xx/3xx answers
// (wrk prints those two lines only when they are not zero), and the
// bench-counted and bench-exhausted lines the comment script prints.
func parseWrk(s string) (wrkResult, error) {
	res := wrkResult{Counted: -1}
	var seen50, seen99, seenRPS bool
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		line := sc.Text()
		if m := reLatencyPct.FindStringSubmatch(line); m != nil {
			v, _ := strconv.ParseFloat(m[2], 64)
			ms := v * map[string]float64{"us": 0.001, "ms": 1, "s": 1000, "m": 60000, "h": 3600000}[m[3]]
			if m[1] == "50" {
				res.P50ms, seen50 = ms, true
			} else {
				res.P99ms, seen99 = ms, true
			}
		}
		if m := reRequests.FindStringSubmatch(line); m != nil {
			res.Requests, _ = strconv.ParseInt(m[1], 10, 64)
		}
		if m := reReqSec.FindStringSubmatch(line); m != nil {
			res.ReqPerSec, _ = strconv.ParseFloat(m[1], 64)
			seenRPS = true
		}
		if m := reSocket.FindStringSubmatch(line); m != nil {
			for _, x := range m[1:] {
				n, _ := strconv.ParseInt(x, 10, 64)
				res.SocketErrors += n
			}
		}
		if m := reNon2xx.FindStringSubmatch(line); m != nil {
			res.Non2xx3xx, _ = strconv.ParseInt(m[1], 10, 64)
		}
		if m := reCounted.FindStringSubmatch(line); m != nil {
			res.Counted, _ = strconv.ParseInt(m[1], 10, 64)
		}
		if m := reSent.FindStringSubmatch(line); m != nil {
			res.Sent, _ = strconv.ParseInt(m[1], 10, 64)
		}
		if m := reAnswered.FindStringSubmatch(line); m != nil {
			res.Answered, _ = strconv.ParseInt(m[1], 10, 64)
		}
		if m := reExhausted.FindStringSubmatch(line); m != nil {
			res.Exhausted, _ = strconv.ParseInt(m[1], 10, 64)
		}
	}
	if !seen50 || !seen99 || !seenRPS {
		return res, fmt.Errorf("cannot read wrk's report (no latency distribution or Requests/sec):\n%s", s)
	}
	return res, nil
}

// pathsLua requests a path picked at random from a list file, one path a
// line. Each wrk thread seeds its own generator, so threads do not walk
// the list in step.
const pathsLua = `-- Picks each request's path at random from the file named in args[1].
local paths = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() + 7919 * (id or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
`

// commentsLua posts pre-fetched comment forms, each exactly once: the
// form file holds one "IP<TAB>urlencoded body" a line; thread i of n
// takes the lines i, i+n, i+2n… Each post comes "through" the trusted
// proxy with its own X-Forwarded-For, so no reader posts twice within
// the flood interval. It counts 303 answers (a stored comment) and
// prints their sum in done(); when its forms run out it sends a GET of
// /healthz instead (wrk cannot pause a connection) and counts those as
// exhausted.
const commentsLua = `-- Posts the pre-fetched forms in args[1]; args[2] is the thread count.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local n = tonumber(args[2])
  forms = {}
  local i = 0
  for line in io.lines(args[1]) do
    if i % n == id then
      local tab = string.find(line, "\t", 1, true)
      forms[#forms + 1] = { ip = string.sub(line, 1, tab - 1), body = string.sub(line, tab + 1) }
    end
    i = i + 1
  end
  next_form = 1
  see_other = 0
  answered = 0
  exhausted = 0
end

function request()
  local f = forms[next_form]
  if f == nil then
    exhausted = exhausted + 1
    return wrk.format("GET", "/healthz")
  end
  next_form = next_form + 1
  return wrk.format("POST", "/comments", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = f.ip,
  }, f.body)
end

-- A post is answered 303 (stored) or 4xx/5xx (refused), never 200,
-- which only the /healthz filler gets.
function response(status, headers, body)
  if status == 303 then see_other = see_other + 1 end
  if status ~= 200 then answered = answered + 1 end
end

function done(summary, latency, requests)
  local total, sent, ans, ex = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("see_other")
    sent = sent + t:get("next_form") - 1
    ans = ans + t:get("answered")
    ex = ex + t:get("exhausted")
  end
  io.write(string.format("bench-counted %d\nbench-sent %d\nbench-answered %d\nbench-exhausted %d\n", total, sent, ans, ex))
end
`

// writeScripts writes the Lua scripts into dir and returns their paths.
func writeScripts(dir string) (paths, comments string, err error) {
	paths = filepath.Join(dir, "paths.lua")
	comments = filepath.Join(dir, "comments.lua")
	if err := os.WriteFile(paths, []byte(pathsLua), 0o644); err != nil {
		return "", "", err
	}
	if err := os.WriteFile(comments, []byte(commentsLua), 0o644); err != nil {
		return "", "", err
	}
	return paths, comments, nil
}

// writeLines writes one string a line.
func writeLines(path string, lines []string) error {
	return os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
}
